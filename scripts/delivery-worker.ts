import { EmbeddedEngine } from "@/lib/delivery/engine/embedded";
import { env } from "@/lib/env";
import { EmbeddedSmsEngine } from "@/lib/sms/engine";

// A delivery engine on its own, without the web server: `npx tsx --conditions=react-server
// scripts/delivery-worker.ts`. Any number may run beside the app; they share the work.
const engine = new EmbeddedEngine({
  connectionString: env.DATABASE_URL,
  leaseMs: Number(process.env.DELIVERY_LEASE_MS ?? 30_000),
  pollMs: Number(process.env.DELIVERY_POLL_MS ?? 1000),
});
await engine.start();
const sms = new EmbeddedSmsEngine({ connectionString: env.DATABASE_URL, pollMs: Number(process.env.DELIVERY_POLL_MS ?? 1000) });
await sms.start();
console.log("delivery worker ready");
const stop = async () => {
  await Promise.all([engine.stop(), sms.stop()]);
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
