import { describe, expect, it } from "vitest";
import type { EventLogView } from "@/lib/query/events";
import { ignoredFilters } from "./ignored-filters";

const none: EventLogView = { type: null, status: null, range: null, from: null, to: null };
const check = (query: string, applied: Partial<EventLogView> = {}) => ignoredFilters(new URLSearchParams(query), { ...none, ...applied });

describe("ignoredFilters", () => {
  it("names a value the page could not use, with the allowed values", () => {
    expect(check("status=failed")).toEqual([{ param: "status", value: "failed", reason: "is not one of the allowed values: dead_lettered, retrying, pending, delivered." }]);
    expect(check("type=shipped&status=delivered", { status: "delivered" })).toEqual([
      { param: "type", value: "shipped", reason: "is not one of the allowed values: order_confirmed, out_for_delivery, delivered, delivery_failed, return_initiated." },
    ]);
    expect(check("range=30d")[0]).toMatchObject({ param: "range", reason: "is not one of the allowed values: 1h, 24h, 7d, custom." });
  });

  it("names an unknown parameter, a date that does not parse, and from/to without range=custom", () => {
    expect(check("stauts=failed")).toEqual([{ param: "stauts", value: "failed", reason: "is not an Event Log filter. The filters are type, status, range, from, to." }]);
    expect(check("range=custom&from=yesterday", { range: "custom" })[0]).toMatchObject({ param: "from", reason: expect.stringMatching(/^is not a date-time/) });
    const from = new Date("2026-05-01T10:00:00Z");
    expect(check("from=2026-05-01T10:00:00Z", { from })).toEqual([{ param: "from", value: "2026-05-01T10:00:00Z", reason: "applies only with range=custom (Time: Custom range…)." }]);
  });

  it("has nothing to say about an applied filter or a cleared one", () => {
    expect(check("")).toEqual([]);
    expect(check("status=&type=")).toEqual([]);
    const from = new Date("2026-05-01T10:00:00Z");
    expect(check("type=delivered&status=retrying&range=custom&from=2026-05-01T10:00:00Z", { type: "delivered", status: "retrying", range: "custom", from })).toEqual([]);
    expect(check("range=24h", { range: "24h" })).toEqual([]);
  });
});
