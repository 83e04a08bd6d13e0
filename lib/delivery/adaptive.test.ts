import { describe, expect, it } from "vitest";
import { AdaptiveLimits, QUIET_MS, pushbackOf } from "./adaptive";

const throttled = { statusCode: 429, errorClass: "http_error" };
const ok = { statusCode: 200, errorClass: null };

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("adaptive limits (AIMD per endpoint)", () => {
  it("knows pushback: 429 and 503 throttle, a timeout is a receiver slowing down, the rest is not pushback", () => {
    expect(pushbackOf(throttled)).toBe("throttled");
    expect(pushbackOf({ statusCode: 503, errorClass: "http_error" })).toBe("throttled");
    expect(pushbackOf({ statusCode: null, errorClass: "timeout" })).toBe("slow");
    expect(pushbackOf({ statusCode: 500, errorClass: "http_error" })).toBeNull();
    expect(pushbackOf(ok)).toBeNull();
  });

  it("halves the observed rate and the concurrency on a 429, once per second however many answers say so", () => {
    const c = clock();
    const limits = new AdaptiveLimits(c.now);
    for (let i = 0; i < 80; i++) limits.noteSend("e");
    expect(limits.limitFor("e")).toBeNull();
    expect(limits.noteResult("e", throttled, 40)).toBe(true);
    expect(limits.limitFor("e")).toMatchObject({ concurrency: 20, perSecond: 40, reason: "throttled" });
    // The rest of the burst's answers: no further cut within the second.
    for (let i = 0; i < 10; i++) expect(limits.noteResult("e", throttled, 30)).toBe(false);
    expect(limits.limitFor("e")).toMatchObject({ concurrency: 20, perSecond: 40 });
    c.advance(1000);
    limits.noteResult("e", throttled, 20);
    expect(limits.limitFor("e")).toMatchObject({ concurrency: 10, perSecond: 20 });
  });

  it("pauses for the receiver's Retry-After, at most a minute", () => {
    const c = clock();
    const limits = new AdaptiveLimits(c.now);
    limits.noteResult("e", throttled, 5, 3000);
    expect(limits.limitFor("e")!.pausedUntil).toBe(c.now() + 3000);
    limits.noteResult("e", throttled, 5, 3_600_000);
    expect(limits.limitFor("e")!.pausedUntil).toBe(c.now() + 60_000);
  });

  it("cuts only the concurrency of an endpoint that times out", () => {
    const limits = new AdaptiveLimits(clock().now);
    limits.noteResult("e", { statusCode: null, errorClass: "timeout" }, 100);
    expect(limits.limitFor("e")).toMatchObject({ concurrency: 50, perSecond: null, reason: "slow" });
  });

  it("restores gradually: one more in flight and a twentieth of the cut rate more each second, then no limit after a quiet spell", () => {
    const c = clock();
    const limits = new AdaptiveLimits(c.now);
    for (let i = 0; i < 200; i++) limits.noteSend("e");
    limits.noteResult("e", throttled, 8);
    expect(limits.limitFor("e")).toMatchObject({ concurrency: 4, perSecond: 100 });
    c.advance(3000);
    limits.noteResult("e", ok, 1);
    expect(limits.limitFor("e")).toMatchObject({ concurrency: 7, perSecond: 115 });
    c.advance(QUIET_MS);
    limits.noteResult("e", ok, 1);
    expect(limits.limitFor("e")).toBeNull();
  });
});
