// Runs once when a Next.js server process starts: the embedded delivery engine lives here.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startDeliveryEngine } = await import("@/lib/delivery/engine/start");
  await startDeliveryEngine();
}
