import { describe, expect, it } from "vitest";
import { decideAfterFailure, DEFAULT_RETRY_SCHEDULE_S, maxAttempts, validateSchedule } from "./policy";

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
