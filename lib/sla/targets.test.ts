import { describe, expect, it } from "vitest";
import { bucketOf, formatAge, formatAttemptsPer, formatShare, formatSlaLatency, MAX_BUCKET_MS, slaWindow } from "@/lib/sla/targets";

describe("SLA latency buckets", () => {
  it("floor to 2 significant digits, clamped to 0 and the column's range", () => {
    expect([0, 7, 99, 100, 345, 999, 1_000, 1_299, 12_345, 89_999, 90_000, 123_456_789].map(bucketOf)).toEqual([0, 7, 99, 100, 340, 990, 1_000, 1_200, 12_000, 89_000, 90_000, 120_000_000]);
    expect(bucketOf(-5)).toBe(0);
    expect(bucketOf(5e12)).toBe(bucketOf(MAX_BUCKET_MS));
  });

  it("are monotone, so the nearest-rank percentile of buckets is the bucket of the percentile", () => {
    const values = Array.from({ length: 2000 }, (_, i) => Math.floor(Math.abs(Math.sin(i) * 10 ** ((i % 7) + 1))));
    const sorted = [...values].sort((a, b) => a - b);
    const rank = (q: number, n: number) => Math.max(1, Math.ceil(q * n)) - 1;
    for (const q of [0.5, 0.95, 0.99]) {
      const bucketed = sorted.map(bucketOf);
      expect(bucketed[rank(q, sorted.length)]).toBe(bucketOf(sorted[rank(q, sorted.length)]!));
    }
    for (let i = 1; i < sorted.length; i++) expect(bucketOf(sorted[i]!)).toBeGreaterThanOrEqual(bucketOf(sorted[i - 1]!));
  });

  it("are shown in words from the bucket", () => {
    expect([null, 87, 345, 1_299, 12_345, 61_000, 130_000, 5_400_000, 2 * 86_400_000].map(formatSlaLatency)).toEqual(["—", "87 ms", "340 ms", "1.2 s", "12 s", "61 s", "2.2 min", "1.5 h", "2 d"]);
  });
});

describe("SLA shares and counts", () => {
  it("floors shares to 2 decimals and never rounds up to 100 %", () => {
    expect(formatShare(9_999, 10_000)).toBe("99.99 %");
    expect(formatShare(99_999, 100_000)).toBe("99.99 %");
    expect(formatShare(5, 5)).toBe("100.00 %");
    expect(formatShare(0, 0)).toBe("—");
    expect(formatAttemptsPer(104, 100)).toBe("1.04");
    expect(formatAttemptsPer(0, 0)).toBe("—");
    expect([null, 5 * 60_000, 3 * 3_600_000, 4 * 86_400_000].map(formatAge)).toEqual(["—", "5 min", "3 h", "4 d"]);
  });
});

describe("SLA windows", () => {
  const now = new Date("2026-11-30T10:37:12Z");
  it("24 h: the current hour and the 23 before it, by hour", () => {
    expect(slaWindow("24h", now)).toEqual({ grain: "hour", from: new Date("2026-11-29T11:00:00Z"), periods: 24, periodMs: 3_600_000 });
  });
  it("7 d and 30 d: today and the days before it, UTC, by day", () => {
    expect(slaWindow("7d", now)).toMatchObject({ grain: "day", from: new Date("2026-11-24T00:00:00Z"), periods: 7 });
    expect(slaWindow("30d", now)).toMatchObject({ grain: "day", from: new Date("2026-11-01T00:00:00Z"), periods: 30 });
  });
});
