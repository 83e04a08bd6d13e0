import { describe, expect, it } from "vitest";
import { DEFAULT_PARTNER_TIME_ZONE, formatCustomerDateTime, formatCustomerTime, formatCustomerWindow, formatDashboardDateTime, formatDay, isTimeZone } from "@/lib/time/format";

const at = "2026-05-01T08:30:00.000Z"; // 2:00 pm in India, 9:30 am in London

describe("customer times: the partner's zone, no zone named", () => {
  it("defaults to Asia/Kolkata, the zone every partner starts with", () => {
    expect(DEFAULT_PARTNER_TIME_ZONE).toBe("Asia/Kolkata");
    expect(formatCustomerDateTime(at)).toBe("Fri, 1 May, 2:00 pm");
    expect(formatCustomerWindow(at, "2026-05-01T09:30:00.000Z")).toBe("Fri, 1 May, 2:00 pm - 3:00 pm");
  });

  it("writes the same instant in another partner's zone, the day once when both ends share it there", () => {
    expect(formatCustomerTime(at, "Europe/London")).toBe("9:30 am");
    expect(formatCustomerWindow(at, "2026-05-01T22:30:00.000Z", "Europe/London")).toBe("Fri, 1 May, 9:30 am - 11:30 pm");
    // The same window crosses midnight in India: both days are written.
    expect(formatCustomerWindow(at, "2026-05-01T22:30:00.000Z")).toBe("Fri, 1 May, 2:00 pm - Sat, 2 May, 4:00 am");
  });

  it("uses plain spaces only (GSM-7: one narrow space would make an SMS UCS-2)", () => {
    expect(formatCustomerWindow(at, "2026-05-01T09:30:00.000Z", "America/New_York")).toMatch(/^[\x20-\x7e]+$/);
  });
});

describe("dashboard times: the viewer's zone, always named", () => {
  it("names the zone it wrote", () => {
    expect(formatDashboardDateTime(at, { timeZone: "UTC" })).toBe("1 May 2026, 08:30 UTC");
    expect(formatDashboardDateTime(at, { timeZone: "Asia/Kolkata", seconds: true })).toBe("1 May 2026, 14:00:00 GMT+5:30");
  });

  it("writes a calendar day as the UTC day", () => {
    expect(formatDay("2026-05-01T23:30:00.000Z")).toBe("1 May 2026");
  });
});

describe("isTimeZone", () => {
  it("knows IANA zones and refuses anything else", () => {
    expect(["Asia/Kolkata", "Europe/London", "UTC"].map(isTimeZone)).toEqual([true, true, true]);
    expect(["", "Mars/Olympus", "GMT+99"].map(isTimeZone)).toEqual([false, false, false]);
  });
});
