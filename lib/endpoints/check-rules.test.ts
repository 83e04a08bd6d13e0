import { describe, expect, it } from "vitest";
import type { HttpAttemptResult } from "@/lib/delivery/http-attempt";
import { judgeCheck, judgeReplay, judgeSigned, judgeWrongSignature, REPLAY_FIX, shouldSendReplay, shouldSendWrongSignature, SIGNED_UNAUTHORISED_FIX, WRONG_SIGNATURE_FIX, WRONG_SIGNATURE_MESSAGE } from "./check-rules";

const answered = (statusCode: number, latencyMs = 12): HttpAttemptResult => ({
  success: statusCode >= 200 && statusCode < 300,
  statusCode,
  latencyMs,
  errorClass: statusCode < 300 ? null : statusCode < 400 ? "redirect" : "http_error",
  errorMessage: statusCode < 300 ? null : `Endpoint answered ${statusCode}`,
  responseExcerpt: "",
  responseHeaders: {},
});
const timedOut: HttpAttemptResult = { success: false, statusCode: null, latencyMs: 1500, errorClass: "timeout", errorMessage: "No response within 1.5 s", responseExcerpt: null, responseHeaders: {} };
const refused: HttpAttemptResult = { ...timedOut, latencyMs: 2, errorClass: "connection_refused", errorMessage: "Connection refused by 127.0.0.1:9; nothing is listening there" };

describe("which requests the check sends", () => {
  it("repeats the event only after the signed one was accepted", () => {
    expect([answered(200), answered(204), answered(401), answered(500), timedOut].map(shouldSendReplay)).toEqual([true, true, false, false, false]);
  });
  it("sends the wrong signature whenever the endpoint answers at all, not when it is unreachable", () => {
    expect([answered(200), answered(401), answered(500), timedOut, refused].map(shouldSendWrongSignature)).toEqual([true, true, true, false, false]);
  });
});

describe("signed event", () => {
  it("passes on 2xx with the status and latency", () => {
    expect(judgeSigned(answered(200, 40))).toEqual({ step: "signed", passed: true, statusCode: 200, latencyMs: 40, message: "Your endpoint accepted a correctly signed event (200).", hint: null });
  });
  it("on 401/403 points at the secret and the raw body", () => {
    for (const status of [401, 403]) {
      const r = judgeSigned(answered(status));
      expect(r).toMatchObject({ passed: false, statusCode: status, message: `Your endpoint answered ${status} to a correctly signed event.`, hint: SIGNED_UNAUTHORISED_FIX });
      expect(r.hint).toContain("whsec_");
    }
  });
  it("uses the test-send hints for other answers and for no answer", () => {
    expect(judgeSigned(answered(500)).hint).toContain("Your server failed");
    expect(judgeSigned(answered(301)).hint).toContain("redirect");
    expect(judgeSigned(timedOut)).toMatchObject({ passed: false, statusCode: null, latencyMs: 1500, message: "No answer to the signed event: No response within 1.5 s." });
    expect(judgeSigned(timedOut).hint).toContain("did not answer in time");
    expect(judgeSigned(refused).hint).toContain("Check that your server is running");
  });
});

describe("replay (same webhook-id)", () => {
  it("passes on 2xx and still says to process the event once", () => {
    const r = judgeReplay(answered(200));
    expect(r).toMatchObject({ step: "replay", passed: true, statusCode: 200, hint: null });
    expect(r.message).toContain("processes the event once");
  });
  it("fails a refusal with the idempotency fix", () => {
    expect(judgeReplay(answered(409))).toMatchObject({
      passed: false,
      statusCode: 409,
      message: "Your endpoint rejected a repeat of an event it had already accepted (same webhook-id) with 409.",
      hint: REPLAY_FIX,
    });
  });
  it("fails no answer with the transport hint", () => {
    expect(judgeReplay(timedOut)).toMatchObject({ passed: false, message: "No answer to the repeated event: No response within 1.5 s.", hint: expect.stringContaining("did not answer in time") });
  });
  it("is not run when the signed event was not accepted", () => {
    expect(judgeReplay(null)).toEqual({ step: "replay", passed: null, statusCode: null, latencyMs: null, message: "Not run: the signed event was not accepted, so there was nothing to repeat.", hint: null });
  });
});

describe("wrong signature", () => {
  it("passes a refusal when the signed event was accepted", () => {
    expect(judgeWrongSignature(answered(401), true)).toMatchObject({ step: "wrong_signature", passed: true, statusCode: 401, message: "Your endpoint refused a request with a wrong signature (401): it verifies `webhook-signature`.", hint: null });
  });
  it("fails acceptance, whatever happened to the signed event", () => {
    for (const signedPassed of [true, false]) {
      expect(judgeWrongSignature(answered(200), signedPassed)).toMatchObject({ passed: false, statusCode: 200, message: WRONG_SIGNATURE_MESSAGE, hint: WRONG_SIGNATURE_FIX });
    }
    expect(WRONG_SIGNATURE_MESSAGE).toContain("you are not verifying `webhook-signature`");
  });
  it("calls a refusal inconclusive when the signed event was refused too", () => {
    const r = judgeWrongSignature(answered(401), false);
    expect(r).toMatchObject({ passed: null, statusCode: 401, hint: null });
    expect(r.message).toContain("Fix the signed event first");
  });
  it("fails no answer: a verifying endpoint refuses at once", () => {
    expect(judgeWrongSignature(timedOut, true)).toMatchObject({ passed: false, message: expect.stringContaining("Refuse it at once with 401"), hint: expect.stringContaining("did not answer in time") });
  });
  it("is not run when the endpoint could not be reached", () => {
    expect(judgeWrongSignature(null, false)).toMatchObject({ passed: null, statusCode: null, message: "Not run: your endpoint did not answer the signed event." });
  });
});

describe("the whole check", () => {
  it("passes only when all three steps pass", () => {
    const all = judgeCheck({ signed: answered(200), replay: answered(200), wrongSignature: answered(401) });
    expect(all.passed).toBe(true);
    expect(all.steps.map((s) => [s.step, s.passed])).toEqual([["signed", true], ["replay", true], ["wrong_signature", true]]);
  });
  it("fails on any failed step, and on steps that were not run", () => {
    expect(judgeCheck({ signed: answered(200), replay: answered(409), wrongSignature: answered(401) }).passed).toBe(false);
    expect(judgeCheck({ signed: answered(200), replay: answered(200), wrongSignature: answered(200) }).passed).toBe(false);
    const unreachable = judgeCheck({ signed: refused, replay: null, wrongSignature: null });
    expect(unreachable.passed).toBe(false);
    expect(unreachable.steps.map((s) => s.passed)).toEqual([false, null, null]);
  });
  it("judges the wrong signature against the signed event's outcome", () => {
    const check = judgeCheck({ signed: answered(401), replay: null, wrongSignature: answered(401) });
    expect(check.steps.map((s) => s.passed)).toEqual([false, null, null]);
  });
});
