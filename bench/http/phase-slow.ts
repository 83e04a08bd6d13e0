import { config } from "./config";
import { collectArrivals, runLoad, type PhaseResult } from "./measure";
import { PATHS, type World } from "./world";

// Isolation: the same steady load with one endpoint answering after 5 s. The other endpoints'
// arrival p95 and the ingest p95 are compared with a steady run at the same rate.

export type SlowResult = PhaseResult & { slowPath: string };

export async function slowEndpoint(world: World): Promise<SlowResult> {
  const slowPath = PATHS[PATHS.length - 1]!;
  await world.receiver.call("mode", { path: slowPath, mode: { kind: "slow", ms: config.slowEndpointMs } });
  try {
    const { result } = await runLoad(world, {
      label: `slow endpoint ${config.slowRate}/s`,
      rate: config.slowRate,
      seconds: config.seconds,
      drainSeconds: config.drainSeconds + config.slowEndpointMs / 1000,
      latencyPaths: PATHS.filter((p) => p !== slowPath), // arrivalMs: the other endpoints
    });
    return { ...result, slowPath };
  } finally {
    await world.receiver.call("mode", { path: slowPath, mode: { kind: "ok" } });
    await collectArrivals(world);
  }
}
