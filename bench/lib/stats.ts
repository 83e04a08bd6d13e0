// Small numeric helpers for the delivery benchmark. No lib imports: safe to load before env is set.

export type Summary = { n: number; p50: number; p95: number; p99: number; max: number; min: number; mean: number };

/** Nearest-rank percentile of an ascending-sorted array. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = n ? sorted.reduce((s, v) => s + v, 0) / n : Number.NaN;
  return {
    n,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: n ? sorted[n - 1]! : Number.NaN,
    min: n ? sorted[0]! : Number.NaN,
    mean,
  };
}

export const round = (v: number, digits = 1) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : v);

export function fmtNum(v: number, digits = 0): string {
  if (!Number.isFinite(v)) return "n/a";
  return v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export const fmtMs = (v: number) => (Number.isFinite(v) ? `${fmtNum(v, v < 10 ? 1 : 0)} ms` : "n/a");
export const fmtRate = (v: number) => (Number.isFinite(v) ? `${fmtNum(v, v < 100 ? 1 : 0)}/s` : "n/a");
export const fmtPct = (v: number) => (Number.isFinite(v) ? `${fmtNum(v * 100, 0)}%` : "n/a");

/** Renders rows as a fixed-width text table. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(header), rule, ...rows.map((r) => (r.length === 1 ? r[0]! : line(r)))].join("\n");
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` every `everyMs` until it returns true or `timeoutMs` passes; returns whether it succeeded. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 25): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(everyMs);
  }
  return check();
}
