import { EmbeddedEngine } from "@/lib/delivery/engine/embedded";
import { env } from "@/lib/env";

// A delivery engine on its own, without the web server: `npx tsx --conditions=react-server
// scripts/delivery-worker.ts`. Any number may run beside the app; they share the work.
const engine = new EmbeddedEngine({
  connectionString: env.DATABASE_URL,
  leaseMs: Number(process.env.DELIVERY_LEASE_MS ?? 30_000),
  pollMs: Number(process.env.DELIVERY_POLL_MS ?? 1000),
});
await engine.start();
console.log("delivery worker ready");
const stop = async () => {
  await engine.stop();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
