import { deliveryDriver } from "@/lib/env-schema";
import { env } from "@/lib/env";
import { deliveryEngineStats, startBackgroundWork, stopBackgroundWork } from "@/lib/jobs/start";

// The background work without the web server: the embedded delivery and SMS engines and the mail
// and monitor loops (lib/jobs/start.ts). `npm start` runs one beside a web process that serves
// requests only (BACKGROUND_WORK=off, scripts/start.ts); by hand: `node --conditions=react-server
// --import tsx scripts/delivery-worker.ts`. Any number may run beside the app; they share the work.
// Lease and poll come from DELIVERY_LEASE_MS and DELIVERY_POLL_MS (lib/env-schema.ts).
if (deliveryDriver(env) === "inngest") (await import("@/inngest/driver")).registerInngestDriver();
await startBackgroundWork();
console.log("delivery worker ready");
// `kill -USR2 <pid>`: one JSON line with the engine's counters (attempts started, in flight, leases).
const printStats = () => console.log(JSON.stringify({ msg: "delivery worker stats", pid: process.pid, ...deliveryEngineStats() }));
process.on("SIGUSR2", printStats);
const stop = async () => {
  const stats = deliveryEngineStats();
  await stopBackgroundWork();
  console.log(JSON.stringify({ msg: "delivery worker stopped", pid: process.pid, ...stats }));
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
