import { EmbeddedEngine } from "@/lib/delivery/engine/embedded";
import { env } from "@/lib/env";
import { EmbeddedSmsEngine } from "@/lib/sms/engine";

// The embedded delivery and SMS engines on their own, without the web server: `npx tsx
// --conditions=react-server scripts/delivery-worker.ts`. Any number may run beside the app; they
// share the work. Lease and poll come from DELIVERY_LEASE_MS and DELIVERY_POLL_MS (lib/env-schema.ts).
const engine = new EmbeddedEngine({ connectionString: env.DATABASE_URL });
await engine.start();
const sms = new EmbeddedSmsEngine({ connectionString: env.DATABASE_URL });
await sms.start();
console.log("delivery worker ready");
const stop = async () => {
  await Promise.all([engine.stop(), sms.stop()]);
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
