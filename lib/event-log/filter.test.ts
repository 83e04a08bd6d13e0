import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { describeZodError } from "@/lib/errors";
import { EVENT_LOG_LIMIT, parseEventLogFilter } from "./filter";

const now = new Date("2026-05-01T12:00:00.000Z");
const messageFor = (input: unknown) => {
  try {
    parseEventLogFilter(input, now);
  } catch (error) {
    if (error instanceof ZodError) return describeZodError(error);
    throw error;
  }
  throw new Error("expected a validation error");
};

describe("parseEventLogFilter", () => {
  it("no filter: everything, newest 500", () => {
    expect(parseEventLogFilter({}, now)).toEqual({ filter: { type: undefined, status: undefined, from: undefined, to: undefined }, limit: EVENT_LOG_LIMIT });
    expect(parseEventLogFilter(undefined, now).limit).toBe(500);
  });

  it("treats blank query values as no filter", () => {
    expect(parseEventLogFilter({ type: "", status: "", range: "", from: "", to: "" }, now).filter).toEqual({});
  });

  it("resolves relative ranges against now", () => {
    expect(parseEventLogFilter({ range: "1h" }, now).filter.from).toEqual(new Date("2026-05-01T11:00:00.000Z"));
    expect(parseEventLogFilter({ range: "24h" }, now).filter.from).toEqual(new Date("2026-04-30T12:00:00.000Z"));
    expect(parseEventLogFilter({ range: "7d" }, now).filter.from).toEqual(new Date("2026-04-24T12:00:00.000Z"));
  });

  it("takes a custom window with offsets and normalises it to instants", () => {
    const { filter } = parseEventLogFilter({ type: "delivered", status: "dead_lettered", from: "2026-05-01T09:00:00+05:30", to: "2026-05-01T10:00:00Z" }, now);
    expect(filter).toEqual({ type: "delivered", status: "dead_lettered", from: new Date("2026-05-01T03:30:00.000Z"), to: new Date("2026-05-01T10:00:00.000Z") });
  });

  it("caps the limit at 500 and coerces it from a query string", () => {
    expect(parseEventLogFilter({ limit: "20" }, now).limit).toBe(20);
    expect(messageFor({ limit: "501" })).toBe("limit: must be at most 500");
    expect(messageFor({ limit: "ten" })).toMatch(/^limit: /);
  });

  it.each([
    [{ type: "shipped" }, "type: must be one of order_confirmed, out_for_delivery, delivered, delivery_failed, return_initiated"],
    [{ status: "failed" }, "status: must be one of dead_lettered, retrying, pending, delivered"],
    [{ status: "no_endpoints" }, "status: must be one of dead_lettered, retrying, pending, delivered"],
    [{ range: "30d" }, "range: must be one of 1h, 24h, 7d"],
    [{ from: "yesterday" }, "from: must be an ISO-8601 date-time with a timezone, e.g. 2026-05-01T14:30:00Z"],
    [{ from: "2026-05-01T10:00:00" }, "from: must be an ISO-8601 date-time with a timezone, e.g. 2026-05-01T14:30:00Z"],
    [{ from: "2026-05-01T10:00:00Z", to: "2026-05-01T09:00:00Z" }, "to: must be after from"],
    [{ range: "24h", from: "2026-05-01T10:00:00Z" }, "range: use either range or from/to, not both"],
    [{ stauts: "failed" }, "stauts: is not a filter; the filters are type, status, range, from, to, limit"],
    [{ status: "delivered", page: "2" }, "page: is not a filter; the filters are type, status, range, from, to, limit"],
  ])("refuses %j with a message naming the field", (input, message) => {
    expect(messageFor(input)).toBe(message);
  });
});
