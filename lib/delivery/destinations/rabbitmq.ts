import "server-only";
import amqp, { type ChannelModel, type ConfirmChannel, type ConsumeMessage, type Message } from "amqplib";
import { createHash } from "node:crypto";
import { describeRabbitError } from "@/lib/delivery/destinations/broker-errors";
import { checkBrokerHost } from "@/lib/delivery/destinations/broker-guard";
import { parseBrokerUrl, routeFor, type RabbitSettings } from "@/lib/delivery/destinations/config";
import { ConnectionPool } from "@/lib/delivery/destinations/connection-pool";
import { openCredentials } from "@/lib/delivery/destinations/credentials";
import { acknowledged, failed, type DeliveryMessage, type DeliveryResult, type DestinationDriver, type DestinationTarget } from "@/lib/delivery/destinations/types";

// RabbitMQ (AMQP 0-9-1, amqplib). Each message is published to the destination's exchange with
// the routing key for its event type (or a fixed one), persistent (delivery mode 2) and
// mandatory, on a confirm channel: the broker's ack is the delivery. The body is the rendered
// payload, byte for byte as an HTTP receiver gets it; the webhook-* signature headers are AMQP
// headers, the event id is the message-id, the event type the message type.
//
// Outcomes: ack → delivered; returned (no queue bound: mandatory) → failed "unroutable"; nack,
// channel closed (exchange missing, access refused) → failed with the broker's reason; no ack in
// the partner's timeout → failed "broker_timeout" and sent again later (at-least-once: consumers
// de-duplicate by message-id, as HTTP receivers do by webhook-id).

type Rabbit = {
  model: ChannelModel;
  channel: Promise<ConfirmChannel> | null;
  /** Why the channel last closed (a 404 or 403 from the broker), for the publishes it failed. */
  channelError: Error | null;
  /** Publishes waiting for their ack, by message-id, to learn whether the broker returned them. */
  returns: Map<string, { returned: boolean }[]>;
  user: string;
};

// One pool per process, also when the bundler loads this module twice (server actions, instrumentation).
const shared = globalThis as unknown as { waypointRabbitPool?: ConnectionPool<Rabbit> };
const pool = (shared.waypointRabbitPool ??= new ConnectionPool<Rabbit>({ close: (r) => r.model.close() }));

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

function fingerprint(target: DestinationTarget): string {
  return createHash("sha256").update(JSON.stringify([target.url, target.settings, target.sealedCredentials])).digest("base64url");
}

async function open(target: DestinationTarget, allowHosts: readonly string[], timeoutMs: number): Promise<Rabbit> {
  const parsed = parseBrokerUrl("rabbitmq", target.url);
  if (!parsed.ok) throw Object.assign(new Error(parsed.reason), { code: "EBADURL" });
  const { scheme, host, port, vhost } = parsed.url;
  const guard = await checkBrokerHost(host, allowHosts);
  if (!guard.ok) throw Object.assign(new Error(guard.message), { code: guard.errorClass === "ssrf_blocked" ? "ESSRF" : "ENOTFOUND" });
  const credentials = openCredentials(target.sealedCredentials);
  const user = credentials && "username" in credentials ? credentials.username : "guest";
  const password = credentials && "username" in credentials ? credentials.password : "guest";
  const model = await amqp.connect(
    { protocol: scheme, hostname: guard.address ?? host, port, vhost, username: user, password, heartbeat: 30 },
    // Dial the checked address; TLS still verifies the certificate against the host name.
    { timeout: timeoutMs, servername: host, noDelay: true, clientProperties: { connection_name: `waypoint endpoint ${target.endpointId}` } },
  );
  const rabbit: Rabbit = { model, channel: null, channelError: null, returns: new Map(), user };
  model.on("error", () => {}); // 'close' follows; the attempts in flight report the reason
  model.on("close", () => pool.lost(target.endpointId, rabbit));
  return rabbit;
}

/** The connection's confirm channel, opened (and the exchange checked) on first use and after it closed. */
function channelFor(rabbit: Rabbit, exchange: string): Promise<ConfirmChannel> {
  if (rabbit.channel) return rabbit.channel;
  const opening = (async () => {
    const channel = await rabbit.model.createConfirmChannel();
    channel.on("error", (err: Error) => {
      rabbit.channelError = err;
    });
    channel.on("close", () => {
      if (rabbit.channel === opening) rabbit.channel = null;
    });
    channel.on("return", (msg: Message | ConsumeMessage) => {
      const waiting = rabbit.returns.get(String(msg.properties.messageId));
      const first = waiting?.find((w) => !w.returned);
      if (first) first.returned = true;
    });
    rabbit.channelError = null;
    // Fails (and closes the channel) with 404 when the exchange does not exist: said before any publish.
    await channel.checkExchange(exchange);
    return channel;
  })();
  rabbit.channel = opening;
  opening.catch(() => {
    if (rabbit.channel === opening) rabbit.channel = null;
  });
  return opening;
}

function publish(rabbit: Rabbit, channel: ConfirmChannel, settings: RabbitSettings, message: DeliveryMessage, routingKey: string): Promise<{ ok: true } | { ok: false; err: Error } | { ok: "returned" }> {
  return new Promise((resolve) => {
    const mark = { returned: false };
    const waiting = rabbit.returns.get(message.eventId) ?? [];
    waiting.push(mark);
    rabbit.returns.set(message.eventId, waiting);
    const forget = () => {
      const list = rabbit.returns.get(message.eventId);
      const i = list?.indexOf(mark) ?? -1;
      if (list && i >= 0) list.splice(i, 1);
      if (list && list.length === 0) rabbit.returns.delete(message.eventId);
    };
    const { "content-type": contentType, ...signature } = message.headers;
    try {
      channel.publish(
        settings.exchange,
        routingKey,
        Buffer.from(message.body),
        {
          persistent: true,
          mandatory: true,
          messageId: message.eventId,
          type: message.eventType,
          contentType,
          contentEncoding: "utf-8",
          timestamp: Math.floor(Date.now() / 1000),
          appId: "waypoint",
          headers: signature,
        },
        (err: unknown) => {
          forget();
          if (err) resolve({ ok: false, err: rabbit.channelError ?? (err instanceof Error ? err : new Error(String(err))) });
          else resolve(mark.returned ? { ok: "returned" } : { ok: true });
        },
      );
    } catch (err) {
      forget();
      resolve({ ok: false, err: rabbit.channelError ?? (err as Error) });
    }
  });
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T | "timeout"> {
  let timer: NodeJS.Timeout;
  return Promise.race([work, new Promise<"timeout">((r) => (timer = setTimeout(() => r("timeout"), ms)))]).finally(() => clearTimeout(timer));
}

async function send(target: DestinationTarget, message: DeliveryMessage, opts: { timeoutMs: number; allowHosts: readonly string[] }): Promise<DeliveryResult> {
  const started = process.hrtime.bigint();
  const settings = target.settings as RabbitSettings | null;
  const parsed = parseBrokerUrl("rabbitmq", target.url);
  if (!settings || !("exchange" in settings) || !parsed.ok) return failed(started, "broker_error", `This RabbitMQ destination is not set up completely: ${parsed.ok ? "no exchange" : parsed.reason}`);
  const routingKey = routeFor(settings.routingKey, message.eventType);
  const credentials = openCredentials(target.sealedCredentials);
  const where = { host: parsed.url.host, port: parsed.url.port, vhost: parsed.url.vhost, user: credentials && "username" in credentials ? credentials.username : "guest", exchange: settings.exchange };
  const details = { broker: "rabbitmq", exchange: settings.exchange, "routing-key": routingKey };
  const fail = (err: unknown) => {
    const d = describeRabbitError(err, where);
    return failed(started, d.errorClass, d.errorMessage!, details);
  };

  const outcome = await withDeadline(
    (async () => {
      let rabbit: Rabbit;
      try {
        rabbit = await pool.acquire(target.endpointId, fingerprint(target), () => open(target, opts.allowHosts, opts.timeoutMs));
      } catch (err) {
        return fail(err);
      }
      let channel: ConfirmChannel;
      try {
        channel = await channelFor(rabbit, settings.exchange);
      } catch (err) {
        return fail(rabbit.channelError ?? err);
      }
      const published = await publish(rabbit, channel, settings, message, routingKey);
      if (published.ok === true) {
        return acknowledged(started, `Confirmed by RabbitMQ: exchange "${settings.exchange}", routing key "${routingKey}", message-id ${message.eventId}, persistent`, details);
      }
      if (published.ok === "returned") {
        return failed(started, "broker_unroutable", `Exchange "${settings.exchange}" has no queue bound for routing key "${routingKey}": RabbitMQ returned the message (NO_ROUTE) instead of dropping it`, details);
      }
      return fail(published.err);
    })(),
    opts.timeoutMs,
  );
  if (outcome === "timeout") {
    return failed(started, "broker_timeout", `RabbitMQ at ${where.host}:${where.port} did not confirm the message within ${seconds(opts.timeoutMs)}; it will be sent again with the same message-id`, details);
  }
  return outcome;
}

export const rabbitmqDriver: DestinationDriver = {
  type: "rabbitmq",
  send,
  close: (endpointId) => pool.close(endpointId),
  closeAll: () => pool.closeAll(),
};

/** Test and diagnostics access to the pool (is a connection open for this endpoint?). */
export const rabbitmqPool = pool;
