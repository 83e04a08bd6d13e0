// Display rules for health figures, in one place so tiles, cards and labels agree.

/** 0.9953 → "99.5%"; a rate that is not exactly 1 never rounds up to "100%". */
export function formatRate(rate: number | null): string {
  if (rate === null) return "—";
  const tenths = Math.floor(rate * 1000) / 10;
  return `${tenths.toFixed(tenths % 1 === 0 ? 0 : 1)}%`;
}

/** 182.4 → "182 ms", 1530 → "1.53 s". */
export function formatLatency(ms: number | null): string {
  if (ms === null) return "—";
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export const formatCount = (n: number) => n.toLocaleString("en-IN");

// The SPEC's delivery target is > 99.5 %; below 95 % something is clearly wrong.
export const SUCCESS_TARGET = 0.995;
const SUCCESS_WARNING = 0.95;

export function rateTone(rate: number | null): "good" | "warning" | "bad" | "none" {
  if (rate === null) return "none";
  if (rate >= SUCCESS_TARGET) return "good";
  return rate >= SUCCESS_WARNING ? "warning" : "bad";
}

export const TONE_CLASS = { good: "text-success", warning: "text-warning", bad: "text-destructive", none: "text-muted-foreground" } as const;
