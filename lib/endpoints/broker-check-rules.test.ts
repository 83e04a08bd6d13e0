import { describe, expect, it } from "vitest";
import type { HttpAttemptResult } from "@/lib/delivery/http-attempt";
import { BROKER_REPLAY_FIX, BROKER_WRONG_SIGNATURE_MESSAGE, judgeBrokerCheck, NATS_NO_DEDUPE_FIX } from "./broker-check-rules";

const ack = (headers: Record<string, string>): HttpAttemptResult => ({ success: true, statusCode: null, latencyMs: 3, errorClass: null, errorMessage: null, responseExcerpt: "ok", responseHeaders: headers });
const rabbitAck = ack({ broker: "rabbitmq", exchange: "orders", "routing-key": "waypoint.delivered" });
const natsAck = (duplicate: boolean, seq: number) => ack({ broker: "nats", subject: "waypoint.delivered", stream: "ORDERS", seq: String(seq), duplicate: String(duplicate) });

describe("the endpoint check for a broker", () => {
  it("passes RabbitMQ on two confirms, and says the consumer must de-duplicate", () => {
    const { passed, steps } = judgeBrokerCheck("rabbitmq", { signed: rabbitAck, replay: rabbitAck });
    expect(passed).toBe(true);
    expect(steps.map((s) => [s.step, s.passed])).toEqual([["signed", true], ["replay", true], ["wrong_signature", null]]);
    expect(steps[1]!.hint).toBe(BROKER_REPLAY_FIX);
    expect(steps[2]!.message).toBe(BROKER_WRONG_SIGNATURE_MESSAGE);
  });

  it("tells whether JetStream's duplicate window caught the repeat", () => {
    expect(judgeBrokerCheck("nats", { signed: natsAck(false, 1), replay: natsAck(true, 1) }).steps[1]).toMatchObject({ passed: true, hint: null });
    expect(judgeBrokerCheck("nats", { signed: natsAck(false, 1), replay: natsAck(false, 2) }).steps[1]).toMatchObject({ passed: true, hint: NATS_NO_DEDUPE_FIX });
  });

  it("fails with the broker's reason and the fix, and does not repeat a refused event", () => {
    const refused: HttpAttemptResult = { success: false, statusCode: null, latencyMs: 4, errorClass: "broker_not_found", errorMessage: 'Exchange "orders" not found in virtual host "/"', responseExcerpt: null, responseHeaders: {} };
    const { passed, steps } = judgeBrokerCheck("rabbitmq", { signed: refused, replay: null });
    expect(passed).toBe(false);
    expect(steps[0]).toMatchObject({ passed: false, message: 'RabbitMQ did not accept the signed test event: Exchange "orders" not found in virtual host "/".', hint: expect.stringContaining("does not exist on your broker") });
    expect(steps[1]).toMatchObject({ passed: null, message: expect.stringMatching(/^Not run/) });
  });
});
