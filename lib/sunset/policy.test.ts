import { describe, expect, it } from "vitest";
import { daysUntilSunset, dueSunsetMilestone, isV1Choosable, v1DeprecationHeaders } from "@/lib/sunset/policy";

// A fixed clock throughout: every rule takes "now".
const SUNSET = "2027-11-30";
const at = (iso: string) => new Date(iso);

describe("v1 end of support", () => {
  it("v1 can be chosen until the date, not from it on", () => {
    expect(isV1Choosable(at("2027-11-29T23:59:59Z"), SUNSET)).toBe(true);
    expect(isV1Choosable(at("2027-11-30T00:00:00Z"), SUNSET)).toBe(false);
    expect(isV1Choosable(at("2028-01-01T00:00:00Z"), SUNSET)).toBe(false);
  });

  it("counts whole days left, rounded up", () => {
    expect(daysUntilSunset(at("2027-11-29T00:00:00Z"), SUNSET)).toBe(1);
    expect(daysUntilSunset(at("2027-11-29T23:00:00Z"), SUNSET)).toBe(1);
    expect(daysUntilSunset(at("2027-09-01T00:00:00Z"), SUNSET)).toBe(90);
    expect(daysUntilSunset(at("2027-12-05T00:00:00Z"), SUNSET)).toBe(0);
  });

  it("sends the 90, 30 and 7-day notices once each, only the latest for a late arrival, none after the date", () => {
    expect(dueSunsetMilestone(at("2027-08-31T12:00:00Z"), SUNSET, [])).toBe(null); // 91 days
    expect(dueSunsetMilestone(at("2027-09-01T00:00:00Z"), SUNSET, [])).toBe(90);
    expect(dueSunsetMilestone(at("2027-09-02T00:00:00Z"), SUNSET, [90])).toBe(null);
    expect(dueSunsetMilestone(at("2027-10-31T00:00:00Z"), SUNSET, [90])).toBe(30);
    expect(dueSunsetMilestone(at("2027-11-23T00:00:00Z"), SUNSET, [90, 30])).toBe(7);
    expect(dueSunsetMilestone(at("2027-11-29T00:00:00Z"), SUNSET, [90, 30, 7])).toBe(null);
    // Moved to v1 three weeks before: the 30-day notice is skipped, the 7-day one is due.
    expect(dueSunsetMilestone(at("2027-11-25T00:00:00Z"), SUNSET, [])).toBe(7);
    expect(dueSunsetMilestone(at("2027-11-30T00:00:00Z"), SUNSET, [])).toBe(null);
  });

  it("Deprecation is an RFC 9745 @-timestamp, Sunset an RFC 8594 HTTP-date", () => {
    expect(v1DeprecationHeaders(SUNSET)).toEqual({ deprecation: `@${Date.parse("2026-11-30T00:00:00Z") / 1000}`, sunset: "Tue, 30 Nov 2027 00:00:00 GMT" });
  });
});
