import { describe, expect, it } from "vitest";
import { deriveEventStatus, FILTER_STATUSES, isFailed, isRetryable, statusCondition, STATUS_PRECEDENCE, type DeliveryStatus } from "./status";

describe("deriveEventStatus: the worst delivery decides", () => {
  it.each<[DeliveryStatus[], string]>([
    [[], "no_endpoints"],
    [["delivered"], "delivered"],
    [["delivered", "delivered", "delivered"], "delivered"],
    [["pending"], "pending"],
    [["delivered", "pending"], "pending"],
    [["pending", "retrying", "delivered"], "retrying"],
    [["delivered", "dead_lettered"], "dead_lettered"],
    [["retrying", "dead_lettered", "pending"], "dead_lettered"],
  ])("%j → %s", (statuses, expected) => {
    expect(deriveEventStatus(statuses)).toBe(expected);
  });
});

describe("statusCondition: what the SQL filter asks of an event's deliveries", () => {
  it("has the status and none worse, so the filter selects exactly what deriveEventStatus shows", () => {
    expect(statusCondition("dead_lettered")).toEqual({ has: "dead_lettered", hasNone: [] });
    expect(statusCondition("retrying")).toEqual({ has: "retrying", hasNone: ["dead_lettered"] });
    expect(statusCondition("pending")).toEqual({ has: "pending", hasNone: ["dead_lettered", "retrying"] });
    expect(statusCondition("delivered")).toEqual({ has: "delivered", hasNone: ["dead_lettered", "retrying", "pending"] });
  });

  it("agrees with deriveEventStatus for every combination of delivery statuses", () => {
    const all: DeliveryStatus[] = [...STATUS_PRECEDENCE];
    const combos = [...Array(2 ** all.length).keys()].map((mask) => all.filter((_, i) => mask & (1 << i)));
    for (const combo of combos) {
      for (const status of FILTER_STATUSES) {
        const { has, hasNone } = statusCondition(status);
        const matches = combo.includes(has) && !hasNone.some((s) => combo.includes(s));
        expect(matches, `${status} on ${JSON.stringify(combo)}`).toBe(deriveEventStatus(combo) === status);
      }
    }
  });
});

describe("retry rules", () => {
  it("any delivery that has not arrived can be retried by hand", () => {
    expect(["pending", "retrying", "dead_lettered"].every((s) => isRetryable(s as DeliveryStatus))).toBe(true);
    expect(isRetryable("delivered")).toBe(false);
  });
  it('"Retry all failed" takes retrying and dead-lettered deliveries, not pending ones', () => {
    expect((["pending", "retrying", "delivered", "dead_lettered"] as const).filter(isFailed)).toEqual(["retrying", "dead_lettered"]);
  });
});
