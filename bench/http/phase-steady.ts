import { config } from "./config";
import { runLoad, type PhaseResult } from "./measure";
import { log, type World } from "./world";

// Steady load at each offered rate, fast endpoints only; then a search for the highest rate that
// meets the target between the listed rates.

export async function warmUp(world: World) {
  // Route modules load, statements get prepared, V8 compiles the hot paths: not measured. Two
  // steps: a first heavy phase right after 400 requests at 50/s started with a backlog of over a
  // second (V8 was still optimising the request path under load, in the first 5–10 s).
  for (const rate of config.warmupRates) await runLoad(world, { label: `warm-up ${rate}/s`, rate, seconds: config.warmupSeconds });
}

/** The target for one phase: all accepted, nothing lost, ingest→arrival p95 and p99 within bounds. */
export const meetsTarget = (r: PhaseResult) => r.accepted === r.offered && r.lost === 0 && r.arrivalMs.p95 <= config.targetP95Ms && r.arrivalMs.p99 <= config.targetP99Ms;

async function steadyAt(world: World, rate: number, label: string) {
  const { result } = await runLoad(world, { label, rate, seconds: config.seconds });
  if (result.lost > 0) log(`${label}: ${result.lost} deliveries had not arrived ${config.drainSeconds} s after the schedule ended`);
  await new Promise((r) => setTimeout(r, config.pauseBetweenMs));
  return result;
}

export async function steadyRates(world: World): Promise<PhaseResult[]> {
  const out: PhaseResult[] = [];
  for (const rate of config.rates) out.push(await steadyAt(world, rate, `steady ${rate}/s`));
  return out;
}

/**
 * The listed rates only bracket the limit (300/s met the target, 400/s did not, say). Each search
 * phase runs the midpoint (rounded to 10/s) and keeps the half the limit is in, so a run reports
 * the limit to within searchResolution instead of the gap between two listed rates. One 60 s phase
 * per step: near the limit a rate can meet the target in one run and miss it in the next, so the
 * figure is this run's, like every other.
 */
export async function searchLimit(world: World, steady: PhaseResult[]): Promise<PhaseResult[]> {
  const met = steady.filter(meetsTarget).map((r) => r.rate);
  if (met.length === 0) return [];
  let low = Math.max(...met);
  const above = steady.filter((r) => r.rate > low && !meetsTarget(r)).map((r) => r.rate);
  if (above.length === 0) return [];
  let high = Math.min(...above);
  const out: PhaseResult[] = [];
  for (let step = 0; step < config.searchSteps && high - low > config.searchResolution; step++) {
    const mid = Math.round((low + high) / 20) * 10;
    if (mid <= low || mid >= high) break;
    const result = await steadyAt(world, mid, `search ${mid}/s`);
    out.push(result);
    if (meetsTarget(result)) low = mid;
    else high = mid;
  }
  return out;
}
