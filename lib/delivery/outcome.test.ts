import { describe, expect, it } from "vitest";
import type { HttpAttemptResult } from "@/lib/delivery/http-attempt";
import { outcomeOf, stateAfter } from "@/lib/delivery/outcome";

const ok: HttpAttemptResult = { success: true, statusCode: 204, latencyMs: 12, errorClass: null, errorMessage: null, responseExcerpt: "", responseHeaders: {} };
const http500: HttpAttemptResult = { ...ok, success: false, statusCode: 500, errorClass: "http_error", errorMessage: null };
const timeout: HttpAttemptResult = { ...ok, success: false, statusCode: null, errorClass: "timeout", errorMessage: "No response within 10 s" };
const schedule = [30, 120, 480];
const now = new Date("2026-11-23T10:00:00.000Z");

describe("outcomeOf: what an attempt's result means for its delivery", () => {
  it("a 2xx delivers, whatever the attempt number or trigger", () => {
    expect(outcomeOf({ result: ok, attemptNumber: 4, schedule, trigger: "automatic", now })).toEqual({ kind: "delivered", attemptNumber: 4 });
    expect(outcomeOf({ result: ok, attemptNumber: 9, schedule, trigger: "manual", now })).toEqual({ kind: "delivered", attemptNumber: 9 });
  });

  it("an automatic failure retries after the schedule's delay for that attempt", () => {
    expect(outcomeOf({ result: http500, attemptNumber: 1, schedule, trigger: "automatic", now })).toEqual({ kind: "retry", attemptNumber: 1, delaySeconds: 30, at: "2026-11-23T10:00:30.000Z" });
    expect(outcomeOf({ result: http500, attemptNumber: 3, schedule, trigger: "automatic", now })).toMatchObject({ kind: "retry", delaySeconds: 480, at: "2026-11-23T10:08:00.000Z" });
  });

  it("the failure after the last retry dead-letters, with the reason a partner can read", () => {
    expect(outcomeOf({ result: timeout, attemptNumber: 4, schedule, trigger: "automatic", now })).toEqual({ kind: "dead_lettered", attemptNumber: 4, reason: "No response within 10 s" });
    expect(outcomeOf({ result: http500, attemptNumber: 4, schedule, trigger: "automatic", now })).toMatchObject({ reason: "HTTP 500" });
    expect(outcomeOf({ result: http500, attemptNumber: 1, schedule: [], trigger: "automatic", now })).toMatchObject({ kind: "dead_lettered" });
  });

  it("a failed manual retry changes nothing about the automatic schedule", () => {
    const outcome = outcomeOf({ result: http500, attemptNumber: 5, schedule, trigger: "manual", now });
    expect(outcome).toEqual({ kind: "failed_manual", attemptNumber: 5 });
    expect(stateAfter(outcome, now)).toEqual({});
  });
});

describe("stateAfter: the delivery columns an outcome sets", () => {
  it("delivered and dead-lettered clear the due time; a retry sets it", () => {
    expect(stateAfter({ kind: "delivered", attemptNumber: 1 }, now)).toEqual({ status: "delivered", deliveredAt: now, nextAttemptAt: null });
    expect(stateAfter({ kind: "dead_lettered", attemptNumber: 4, reason: "x" }, now)).toEqual({ status: "dead_lettered", deadLetteredAt: now, nextAttemptAt: null });
    expect(stateAfter({ kind: "retry", attemptNumber: 2, delaySeconds: 120, at: "2026-11-23T10:02:00.000Z" }, now)).toEqual({ status: "retrying", nextAttemptAt: new Date("2026-11-23T10:02:00.000Z") });
  });
});

describe("outcomeOf: a throttling receiver", () => {
  it("a 429 with Retry-After retries no sooner than it asked, within the dead-letter horizon", () => {
    const throttled: HttpAttemptResult = { ...http500, statusCode: 429, responseHeaders: { "retry-after": "200" } };
    expect(outcomeOf({ result: throttled, attemptNumber: 1, schedule, trigger: "automatic", now })).toMatchObject({ kind: "retry", delaySeconds: 200 });
    expect(outcomeOf({ result: { ...throttled, statusCode: 503 }, attemptNumber: 3, schedule, trigger: "automatic", now })).toMatchObject({ kind: "retry", delaySeconds: 480 });
    expect(outcomeOf({ result: throttled, attemptNumber: 4, schedule, trigger: "automatic", now })).toMatchObject({ kind: "dead_lettered" });
  });
});
