/**
 * How background work gives way to live traffic: called after each chunk of work with the time
 * that chunk took, it waits before the next. `unpaced` runs chunks back to back (a person is
 * waiting for the answer); `backgroundPace` keeps a pass to about a quarter of one core.
 */
export type Pace = (chunkMs: number) => Promise<void>;

export const unpaced: Pace = async () => {};

/**
 * Three times as long as the chunk took, so at most a quarter of a core. The monitor's passes
 * read every attempt in their windows (alert rules: 15 min; SLA rollup: the last hours); back
 * to back, one pass kept a core busy for ~0.7 s at 300 orders/s in bench:http, and a 2-core box
 * near its limit then queued ingest requests for over half a second.
 */
export const backgroundPace: Pace = (chunkMs) => new Promise((resolve) => setTimeout(resolve, Math.min(2000, chunkMs * 3)));

/** Runs `work` for each item in turn, pacing between them. */
export async function eachPaced<T>(items: readonly T[], pace: Pace, work: (item: T) => Promise<void>): Promise<void> {
  for (const item of items) {
    const started = performance.now();
    await work(item);
    await pace(performance.now() - started);
  }
}
