// The endpoint check for a broker destination, and what each step means there. A broker
// acknowledges what it stores; it does not verify signatures and has no consumer's answer to
// give, so the steps are:
//   signed          — a signed test event is acknowledged: RabbitMQ confirmed it and a queue is
//                     bound for its routing key (mandatory publish), or a JetStream stream stored it.
//   replay          — the same event again (same webhook-id, message-id / Nats-Msg-Id), as a retry
//                     would send it: acknowledged too. JetStream says whether its duplicate window
//                     caught it; RabbitMQ never de-duplicates, so the consumer must.
//   wrong_signature — not sent: Waypoint cannot see what a consumer does with a message, and will
//                     not put a forged-looking event into a partner's queue. Shown as not
//                     applicable with the advice to verify in the consumer; it does not fail the check.
// Pure, like check-rules.ts, so every wording is unit-tested.
import type { BrokerType } from "@/lib/delivery/destinations/config";
import { DESTINATION_LABELS } from "@/lib/delivery/destinations/config";
import { hintForAttempt, type HttpAttemptResult } from "@/lib/delivery/http-attempt";
import type { CheckStepResult } from "@/lib/endpoints/check-rules";

type Answer = HttpAttemptResult;

export const BROKER_WRONG_SIGNATURE_MESSAGE =
  "Not applicable to a broker: it stores messages without checking signatures, and Waypoint cannot see whether your consumer verifies them, so no wrongly signed event is put into your broker. Verify `webhook-signature` in your consumer, exactly as an HTTP receiver does, and drop messages that fail.";
export const BROKER_REPLAY_FIX = "RabbitMQ does not de-duplicate: Waypoint retries, so your consumer must skip a message-id (webhook-id) it has already processed.";
export const NATS_NO_DEDUPE_FIX = "Give the stream a duplicate window (e.g. --dupe-window 2m) so JetStream drops retried events by Nats-Msg-Id, and still skip webhook-ids your consumer has processed.";

const measured = (a: Answer) => ({ statusCode: a.statusCode, latencyMs: a.latencyMs });
const where = (a: Answer) => {
  const h = a.responseHeaders;
  if (h.broker === "nats") return `on subject "${h.subject}"`;
  return `on exchange "${h.exchange}" with routing key "${h["routing-key"]}"`;
};

export function judgeBrokerSigned(type: BrokerType, a: Answer): CheckStepResult {
  const base = { step: "signed" as const, ...measured(a) };
  const name = DESTINATION_LABELS[type];
  if (!a.success) return { ...base, passed: false, message: `${name} did not accept the signed test event: ${a.errorMessage ?? "no acknowledgement"}.`, hint: hintForAttempt(a) };
  if (type === "nats") {
    return { ...base, passed: true, message: `Stream "${a.responseHeaders.stream}" stored the signed test event ${where(a)} (sequence ${a.responseHeaders.seq}).`, hint: null };
  }
  return { ...base, passed: true, message: `RabbitMQ confirmed the signed test event ${where(a)}: a queue is bound for it and the message is persistent.`, hint: null };
}

export function judgeBrokerReplay(type: BrokerType, a: Answer | null): CheckStepResult {
  if (!a) return { step: "replay", passed: null, statusCode: null, latencyMs: null, message: "Not run: the signed event was not accepted, so there was nothing to repeat.", hint: null };
  const base = { step: "replay" as const, ...measured(a) };
  if (!a.success) return { ...base, passed: false, message: `The repeat of the same event was not accepted: ${a.errorMessage ?? "no acknowledgement"}.`, hint: hintForAttempt(a) };
  if (type === "nats") {
    if (a.responseHeaders.duplicate === "true") {
      return { ...base, passed: true, message: `JetStream recognised the repeat by its Nats-Msg-Id (the event id) and stored it once: retries within the stream's duplicate window never reach your consumer twice.`, hint: null };
    }
    return { ...base, passed: true, message: `Stream "${a.responseHeaders.stream}" stored the repeat again (sequence ${a.responseHeaders.seq}): it has no duplicate window covering it, so your consumer must skip a webhook-id it has processed.`, hint: NATS_NO_DEDUPE_FIX };
  }
  return { ...base, passed: true, message: "RabbitMQ confirmed the repeat (same message-id and webhook-id), as it will confirm a retry.", hint: BROKER_REPLAY_FIX };
}

export function judgeBrokerWrongSignature(): CheckStepResult {
  return { step: "wrong_signature", passed: null, statusCode: null, latencyMs: null, message: BROKER_WRONG_SIGNATURE_MESSAGE, hint: null };
}

/** The three steps in order; passed when the broker acknowledged the signed event and its repeat. */
export function judgeBrokerCheck(type: BrokerType, answers: { signed: Answer; replay: Answer | null }): { passed: boolean; steps: CheckStepResult[] } {
  const signed = judgeBrokerSigned(type, answers.signed);
  const replay = judgeBrokerReplay(type, answers.replay);
  return { passed: signed.passed === true && replay.passed === true, steps: [signed, replay, judgeBrokerWrongSignature()] };
}
