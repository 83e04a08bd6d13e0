import { describe, expect, it } from "vitest";
import { describeSchedule, formatDelay, parseScheduleText, RetryPolicyInputSchema } from "@/lib/partners/retry-policy";

describe("retry policy in words", () => {
  it("reads the default schedule the way the Settings page shows it", () => {
    expect(describeSchedule([30, 120, 480])).toBe("30 s → 2 min → 8 min, then dead-letter");
    expect(describeSchedule([])).toBe("No retries: dead-letter after the first failed attempt");
  });

  it.each([
    [1, "1 s"],
    [90, "1 min 30 s"],
    [3600, "1 h"],
    [5400, "1 h 30 min"],
    [86_400, "24 h"],
  ])("formats %i seconds as %s", (seconds, words) => {
    expect(formatDelay(seconds)).toBe(words);
  });
});

describe("retry policy validation", () => {
  it("parses a comma- or space-separated list of seconds", () => {
    expect(parseScheduleText("30, 120,480")).toEqual({ ok: true, schedule: [30, 120, 480] });
    expect(parseScheduleText(" 10 60 ")).toEqual({ ok: true, schedule: [10, 60] });
    expect(parseScheduleText("")).toEqual({ ok: true, schedule: [] });
  });

  it("names what is wrong: not a number, shrinking delays, out of range, too many", () => {
    expect(parseScheduleText("30, 2m")).toEqual({ ok: false, error: expect.stringContaining('"2m" is not a whole number') });
    expect(parseScheduleText("120, 30")).toEqual({ ok: false, error: "Retry 2: delays must not get shorter (backoff)." });
    expect(parseScheduleText("0")).toEqual({ ok: false, error: expect.stringContaining("Retry 1: delay must be a whole number of seconds from 1") });
    expect(parseScheduleText("90000")).toMatchObject({ ok: false });
    expect(parseScheduleText(Array.from({ length: 11 }, () => "5").join(","))).toEqual({ ok: false, error: "At most 10 retries." });
  });

  it("accepts timeouts of 1 to 30 whole seconds only, on the server as in the form", () => {
    const ok = (timeoutSeconds: number) => RetryPolicyInputSchema.safeParse({ retrySchedule: [30], timeoutSeconds }).success;
    expect([1, 10, 30].map(ok)).toEqual([true, true, true]);
    expect([0, 31, 2.5].map(ok)).toEqual([false, false, false]);
    const bad = RetryPolicyInputSchema.safeParse({ retrySchedule: [30, 10], timeoutSeconds: 10 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe("Retry 2: delays must not get shorter (backoff).");
  });
});
