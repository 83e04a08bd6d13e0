import { config } from "./config";
import { runLoad, type PhaseResult } from "./measure";
import { log, type World } from "./world";

// Steady load at each offered rate, fast endpoints only.

export async function warmUp(world: World) {
  // Route modules load, statements get prepared, V8 compiles the hot paths: not measured. Two
  // steps: a first heavy phase right after 400 requests at 50/s started with a backlog of over a
  // second (V8 was still optimising the request path under load, in the first 5–10 s).
  for (const rate of config.warmupRates) await runLoad(world, { label: `warm-up ${rate}/s`, rate, seconds: config.warmupSeconds });
}

export async function steadyRates(world: World): Promise<PhaseResult[]> {
  const out: PhaseResult[] = [];
  for (const rate of config.rates) {
    const { result } = await runLoad(world, { label: `steady ${rate}/s`, rate, seconds: config.seconds });
    out.push(result);
    if (result.lost > 0) log(`steady ${rate}/s: ${result.lost} deliveries had not arrived ${config.drainSeconds} s after the schedule ended`);
    await new Promise((r) => setTimeout(r, config.pauseBetweenMs));
  }
  return out;
}
