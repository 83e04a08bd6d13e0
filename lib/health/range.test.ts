import { describe, expect, it } from "vitest";
import { rangeWindow } from "@/lib/health/range";

describe("health windows", () => {
  it("covers exactly the last 24 hours in hourly buckets, the first and last partial", () => {
    const now = new Date("2026-05-01T10:17:00Z");
    const w = rangeWindow("24h", now);
    expect(w.from.toISOString()).toBe("2026-04-30T10:17:00.000Z");
    expect(w.to).toBe(now);
    expect(w.bucketStarts).toHaveLength(25);
    expect(new Date(w.bucketStarts[0]!).toISOString()).toBe("2026-04-30T10:00:00.000Z");
    expect(new Date(w.bucketStarts.at(-1)!).toISOString()).toBe("2026-05-01T10:00:00.000Z");
  });

  it("covers the last 7 days in 6-hour buckets aligned to UTC midnight", () => {
    const w = rangeWindow("7d", new Date("2026-05-01T10:17:00Z"));
    expect(w.from.toISOString()).toBe("2026-04-24T10:17:00.000Z");
    expect(w.bucketStarts).toHaveLength(29);
    expect(new Date(w.bucketStarts[0]!).toISOString()).toBe("2026-04-24T06:00:00.000Z");
    expect(new Date(w.bucketStarts.at(-1)!).toISOString()).toBe("2026-05-01T06:00:00.000Z");
  });
});
