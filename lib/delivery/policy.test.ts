import { describe, expect, it } from "vitest";
import { decideAfterFailure, decideAfterThrottle, DEFAULT_RETRY_SCHEDULE_S, maxAttempts, retryAfterSeconds, validateSchedule } from "./policy";

describe("retry policy", () => {
  const now = new Date("2026-05-01T10:00:00Z");

  it("retries after 30 s, 2 min and 8 min, then dead-letters", () => {
    const decisions = [1, 2, 3, 4].map((n) => decideAfterFailure(DEFAULT_RETRY_SCHEDULE_S, n, now));
    expect(decisions.map((d) => (d.kind === "retry" ? d.delaySeconds : d.kind))).toEqual([30, 120, 480, "dead_letter"]);
    expect(decisions[0]).toMatchObject({ at: new Date("2026-05-01T10:00:30Z") });
    expect(maxAttempts(DEFAULT_RETRY_SCHEDULE_S)).toBe(4);
  });

  it("follows a partner's own schedule, including none at all", () => {
    expect(decideAfterFailure([5], 1, now)).toMatchObject({ kind: "retry", delaySeconds: 5 });
    expect(decideAfterFailure([5], 2, now)).toEqual({ kind: "dead_letter" });
    expect(decideAfterFailure([], 1, now)).toEqual({ kind: "dead_letter" });
  });

  it("refuses schedules that are not backoffs", () => {
    expect(validateSchedule([30, 120, 480])).toBeNull();
    expect(validateSchedule([120, 30])).toMatch(/must not get shorter/);
    expect(validateSchedule([0])).toMatch(/from 1 to/);
    expect(validateSchedule(Array(11).fill(60))).toMatch(/At most 10/);
  });
});

describe("a receiver's Retry-After (429/503)", () => {
  const now = new Date("2026-05-01T10:00:00Z");

  it("reads delay-seconds and HTTP-dates, only on 429 and 503", () => {
    expect(retryAfterSeconds(429, { "retry-after": "120" }, now)).toBe(120);
    expect(retryAfterSeconds(503, { "retry-after": "Fri, 01 May 2026 10:01:30 GMT" }, now)).toBe(90);
    expect(retryAfterSeconds(503, { "retry-after": "Fri, 01 May 2026 09:00:00 GMT" }, now)).toBe(0);
    expect(retryAfterSeconds(500, { "retry-after": "120" }, now)).toBeNull();
    expect(retryAfterSeconds(429, {}, now)).toBeNull();
    expect(retryAfterSeconds(429, { "retry-after": "soon" }, now)).toBeNull();
  });

  it("waits at least what the receiver asked, never past the dead-letter horizon, with the policy's number of attempts", () => {
    const schedule = [30, 120, 480];
    const delay = (attempts: number, retryAfter: number) => {
      const d = decideAfterThrottle(schedule, attempts, retryAfter, now);
      return d.kind === "retry" ? d.delaySeconds : d.kind;
    };
    expect(delay(1, 5)).toBe(30); // sooner than the schedule: the schedule's delay
    expect(delay(1, 300)).toBe(300); // later: what the receiver asked
    expect(delay(1, 10_000)).toBe(630); // beyond the horizon (30 + 120 + 480): the horizon
    expect(delay(3, 10_000)).toBe(480);
    expect(delay(4, 1)).toBe("dead_letter");
  });
});
