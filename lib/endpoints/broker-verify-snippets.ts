// The "How to verify" code for a broker destination: a consumer that verifies each message's
// webhook-* headers with the Standard Webhooks library, exactly as an HTTP receiver verifies a
// request, then de-duplicates by the event id. Browser-safe text only; the same steps run for real
// in tests/integration/broker-destinations.test.ts (amqplib and nats consumers).
import type { PayloadFormat } from "@/lib/events/catalog";

type Input = { format: PayloadFormat; queueOrStream: string };

/**
 * Stock verifiers refuse a webhook-timestamp more than 5 minutes old, which suits HTTP (delivered
 * at once) but not a queue read later (a consumer down for an hour, a backlog). A consumer keeps
 * the signature check and drops only the age check; replays are caught by the message id.
 */
export const QUEUE_WEBHOOK_CLASS = `// Messages can wait in the queue longer than the 5 minutes stock verifiers allow:
// keep the signature check, skip the age check (the message id catches replays).
class QueueWebhook extends Webhook {
  verifyTimestamp(header) {
    const seconds = Number.parseInt(header, 10);
    if (Number.isNaN(seconds)) throw new Error("Invalid webhook-timestamp");
    return new Date(seconds * 1000);
  }
}`;

const verifyLine = (format: PayloadFormat, indent: string) =>
  format === "xml"
    ? `${indent}wh.verify(body, headers, { jsonParse: false }); // XML: check the signature without parsing as JSON\n${indent}event = body;`
    : `${indent}event = wh.verify(body, headers); // returns the parsed JSON payload`;

export function rabbitConsumerSnippet({ format, queueOrStream }: Input): string {
  return `// npm install amqplib standardwebhooks
import amqp from "amqplib";
import { Webhook } from "standardwebhooks";

${QUEUE_WEBHOOK_CLASS}

const wh = new QueueWebhook(process.env.WAYPOINT_WEBHOOK_SECRET); // this endpoint's whsec_ secret
const processed = new Set(); // in production: a table keyed by message id

const connection = await amqp.connect(process.env.AMQP_URL);
const channel = await connection.createChannel();
await channel.prefetch(50);
await channel.consume(${JSON.stringify(queueOrStream)}, (msg) => {
  const body = msg.content.toString("utf8"); // the raw body, exactly as signed
  // webhook-id, webhook-timestamp, webhook-signature travel as AMQP headers.
  const headers = Object.fromEntries(Object.entries(msg.properties.headers ?? {}).map(([k, v]) => [k, String(v)]));
  let event;
  try {
${verifyLine(format, "    ")}
  } catch {
    return channel.nack(msg, false, false); // not signed by Waypoint: drop it (or dead-letter it)
  }
  // At-least-once: a retry carries the same message id (= webhook-id = event id).
  if (processed.has(msg.properties.messageId)) return channel.ack(msg);
  // … apply the event …
  processed.add(msg.properties.messageId);
  channel.ack(msg);
});`;
}

export function natsConsumerSnippet({ format, queueOrStream }: Input): string {
  return `// npm install nats standardwebhooks
import { connect } from "nats";
import { Webhook } from "standardwebhooks";

${QUEUE_WEBHOOK_CLASS}

const wh = new QueueWebhook(process.env.WAYPOINT_WEBHOOK_SECRET); // this endpoint's whsec_ secret
const nc = await connect({ servers: process.env.NATS_URL });
const consumer = await nc.jetstream().consumers.get(${JSON.stringify(queueOrStream)}, "erp"); // a durable consumer on the stream
for await (const m of await consumer.consume()) {
  const body = m.string(); // the raw body, exactly as signed
  // webhook-id, webhook-timestamp, webhook-signature travel as NATS headers.
  const headers = Object.fromEntries(["webhook-id", "webhook-timestamp", "webhook-signature"].map((h) => [h, m.headers?.get(h) ?? ""]));
  let event;
  try {
${verifyLine(format, "    ")}
  } catch {
    m.term(); // not signed by Waypoint: never redeliver it
    continue;
  }
  // The stream's duplicate window drops retries by Nats-Msg-Id (= webhook-id); outside it, skip ids you have processed.
  // … apply the event …
  m.ack();
}`;
}
