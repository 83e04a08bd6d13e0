// The endpoint check's rules: which requests to send, and what each answer means for the
// partner, in plain language with the fix. Pure, so every wording is unit-tested.
import { hintForAttempt, type HttpAttemptResult } from "@/lib/delivery/http-attempt";

export const CHECK_STEPS = ["signed", "replay", "wrong_signature"] as const;
export type CheckStep = (typeof CHECK_STEPS)[number];

export type CheckStepResult = {
  step: CheckStep;
  /** null: not run, or the answer proves nothing yet (see the message). */
  passed: boolean | null;
  statusCode: number | null;
  latencyMs: number | null;
  message: string;
  /** The fix, when something needs fixing. */
  hint: string | null;
};

export type EndpointCheckView = { id: string; endpointId: string; passed: boolean; checkedAt: string; steps: CheckStepResult[] };

type Answer = HttpAttemptResult;

export const WRONG_SIGNATURE_MESSAGE = "Your endpoint accepted a request with a wrong signature: you are not verifying `webhook-signature`. See the verification guide.";
export const WRONG_SIGNATURE_FIX =
  "Verify every request with this endpoint's signing secret before acting on it, and answer 401 when the signature does not match. Otherwise anyone who learns your URL can send you fake order events.";
export const REPLAY_FIX = "Waypoint retries, so the same event can arrive twice: answer 2xx to a webhook-id you have already processed, and don't process it again.";
export const SIGNED_UNAUTHORISED_FIX = "Check that you verify with this endpoint's current secret (whsec_…) and the raw request body, not re-serialised JSON.";

// A repeat only means something after the original was accepted.
export const shouldSendReplay = (signed: Answer) => signed.success;
// A wrong signature is worth sending whenever the endpoint answers at all: accepting it is
// wrong whatever happened to the signed event. Unreachable, there is nothing to learn.
export const shouldSendWrongSignature = (signed: Answer) => signed.statusCode !== null;

const measured = (a: Answer) => ({ statusCode: a.statusCode, latencyMs: a.latencyMs });
const notRun = (step: CheckStep, message: string): CheckStepResult => ({ step, passed: null, statusCode: null, latencyMs: null, message, hint: null });
// errorMessage is set whenever no HTTP answer came; the fallback only keeps types honest.
const noAnswer = (what: string, a: Answer) => `No answer to ${what}: ${a.errorMessage ?? "the connection failed"}.`;

export function judgeSigned(a: Answer): CheckStepResult {
  const base = { step: "signed" as const, ...measured(a) };
  if (a.success) return { ...base, passed: true, message: `Your endpoint accepted a correctly signed event (${a.statusCode}).`, hint: null };
  if (a.statusCode === null) return { ...base, passed: false, message: noAnswer("the signed event", a), hint: hintForAttempt(a) };
  const unauthorised = a.statusCode === 401 || a.statusCode === 403;
  return {
    ...base,
    passed: false,
    message: `Your endpoint answered ${a.statusCode} to a correctly signed event.`,
    hint: unauthorised ? SIGNED_UNAUTHORISED_FIX : hintForAttempt(a),
  };
}

export function judgeReplay(a: Answer | null): CheckStepResult {
  if (!a) return notRun("replay", "Not run: the signed event was not accepted, so there was nothing to repeat.");
  const base = { step: "replay" as const, ...measured(a) };
  if (a.success) {
    return { ...base, passed: true, message: `Your endpoint answered ${a.statusCode} to a repeat of the same event (same webhook-id), so retries are safe as long as it processes the event once.`, hint: null };
  }
  if (a.statusCode === null) return { ...base, passed: false, message: noAnswer("the repeated event", a), hint: hintForAttempt(a) };
  return { ...base, passed: false, message: `Your endpoint rejected a repeat of an event it had already accepted (same webhook-id) with ${a.statusCode}.`, hint: REPLAY_FIX };
}

export function judgeWrongSignature(a: Answer | null, signedPassed: boolean): CheckStepResult {
  if (!a) return notRun("wrong_signature", "Not run: your endpoint did not answer the signed event.");
  const base = { step: "wrong_signature" as const, ...measured(a) };
  if (a.success) return { ...base, passed: false, message: WRONG_SIGNATURE_MESSAGE, hint: WRONG_SIGNATURE_FIX };
  if (a.statusCode === null) return { ...base, passed: false, message: `${noAnswer("the request with a wrong signature", a)} Refuse it at once with 401.`, hint: hintForAttempt(a) };
  // Refusing everything also refuses a bad signature: only a refusal next to an accepted signed event shows verification.
  if (!signedPassed) {
    return { ...base, passed: null, message: "Your endpoint refused the wrong signature, but it refused the correctly signed event too, so this does not show yet that it verifies signatures. Fix the signed event first.", hint: null };
  }
  return { ...base, passed: true, message: `Your endpoint refused a request with a wrong signature (${a.statusCode}): it verifies \`webhook-signature\`.`, hint: null };
}

/** The three steps in order, and whether the check passed (every step passed). */
export function judgeCheck(answers: { signed: Answer; replay: Answer | null; wrongSignature: Answer | null }): { passed: boolean; steps: CheckStepResult[] } {
  const signed = judgeSigned(answers.signed);
  const steps = [signed, judgeReplay(answers.replay), judgeWrongSignature(answers.wrongSignature, signed.passed === true)];
  return { passed: steps.every((s) => s.passed === true), steps };
}
