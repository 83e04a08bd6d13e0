import { describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { natsConsumerSnippet, QUEUE_WEBHOOK_CLASS, rabbitConsumerSnippet } from "./broker-verify-snippets";

describe("broker consumer snippets", () => {
  it("verify the headers with standardwebhooks and de-duplicate by the event id", () => {
    const rabbit = rabbitConsumerSnippet({ format: "json", queueOrStream: "erp-orders" });
    expect(rabbit).toContain('channel.consume("erp-orders"');
    expect(rabbit).toContain("event = wh.verify(body, headers);");
    expect(rabbit).toContain("msg.properties.messageId");
    const nats = natsConsumerSnippet({ format: "xml", queueOrStream: "WAYPOINT" });
    expect(nats).toContain('consumers.get("WAYPOINT"');
    expect(nats).toContain("wh.verify(body, headers, { jsonParse: false });");
  });

  it("verify a message that waited in the queue longer than the stock verifier's 5 minutes, and still refuse a wrong signature", () => {
    const QueueWebhook = new Function("Webhook", `${QUEUE_WEBHOOK_CLASS}\nreturn QueueWebhook;`)(Webhook) as typeof Webhook;
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const body = '{"event":"delivered"}';
    const anHourAgo = new Date(Date.now() - 3_600_000);
    const headers = { "webhook-id": "evt_1", "webhook-timestamp": String(Math.floor(anHourAgo.getTime() / 1000)), "webhook-signature": new Webhook(secret).sign("evt_1", anHourAgo, body) };
    expect(() => new Webhook(secret).verify(body, headers)).toThrow(/too old/);
    expect(new QueueWebhook(secret).verify(body, headers)).toEqual({ event: "delivered" });
    expect(() => new QueueWebhook(secret).verify(`${body} `, headers)).toThrow(/No matching signature/);
  });

  it("are valid JavaScript modules", () => {
    for (const code of [rabbitConsumerSnippet({ format: "json", queueOrStream: "q" }), natsConsumerSnippet({ format: "json", queueOrStream: "S" })]) {
      // Top-level await and imports: parse as an async function body after dropping the imports.
      const body = code.replace(/^import .*$/gm, "");
      expect(() => new Function(`return (async () => {${body}\n})`)).not.toThrow();
    }
  });
});
