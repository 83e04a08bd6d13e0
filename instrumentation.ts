// Runs once when a Next.js server process starts: background work lives here (lib/jobs/start.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ deliveryDriver }, { env }] = await Promise.all([import("@/lib/env-schema"), import("@/lib/env")]);
  // lib/ does not know Inngest: its driver plugs into lib/jobs' announce port here, before any work.
  if (deliveryDriver(env) === "inngest") (await import("@/inngest/driver")).registerInngestDriver();
  // A web process beside a separate worker (npm start, scripts/start.ts) serves requests only.
  if (env.BACKGROUND_WORK === "off") return;
  const { startBackgroundWork } = await import("@/lib/jobs/start");
  if (env.BACKGROUND_WORK === "after-dev-seed") {
    // npm run dev: requests are served (and routes compiled) while the demo seed is written.
    const { waitForDevSeed } = await import("@/lib/dev/seed-lock");
    void waitForDevSeed(env.DATABASE_URL).then(startBackgroundWork, (err: unknown) => console.error("background work not started:", err));
    return;
  }
  await startBackgroundWork();
}
