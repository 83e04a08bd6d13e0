import "server-only";
import { createHash } from "node:crypto";
import { connect, credsAuthenticator, headers as natsHeaders, type ConnectionOptions, type NatsConnection } from "nats";
import { describeNatsError, type NatsWhere } from "@/lib/delivery/destinations/broker-errors";
import { checkBrokerHost } from "@/lib/delivery/destinations/broker-guard";
import { parseBrokerUrl, routeFor, type NatsSettings } from "@/lib/delivery/destinations/config";
import { ConnectionPool } from "@/lib/delivery/destinations/connection-pool";
import { openCredentials } from "@/lib/delivery/destinations/credentials";
import { acknowledged, failed, type DeliveryMessage, type DeliveryResult, type DestinationDriver, type DestinationTarget } from "@/lib/delivery/destinations/types";

// NATS JetStream (the official `nats` client). Each message is published to the subject for its
// event type (or a fixed one) and counts as delivered when a stream acknowledges it (PubAck).
// The event id is the Nats-Msg-Id, so a stream with a duplicate window stores a retried event
// once (the PubAck says `duplicate`); the webhook-* signature headers are NATS headers and the
// body is the rendered payload, byte for byte as an HTTP receiver gets it.
//
// The client's own reconnect and cluster discovery are off: a connection is to the checked
// address only (the server's INFO cannot point it elsewhere), and the pool reconnects with backoff.

const shared = globalThis as unknown as { waypointNatsPool?: ConnectionPool<NatsConnection> };
const pool = (shared.waypointNatsPool ??= new ConnectionPool<NatsConnection>({ close: (nc) => nc.close() }));

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;
const encoder = new TextEncoder();

function fingerprint(target: DestinationTarget): string {
  return createHash("sha256").update(JSON.stringify([target.url, target.settings, target.sealedCredentials])).digest("base64url");
}

async function open(target: DestinationTarget, allowHosts: readonly string[], timeoutMs: number): Promise<NatsConnection> {
  const parsed = parseBrokerUrl("nats", target.url);
  if (!parsed.ok) throw Object.assign(new Error(parsed.reason), { code: "EBADURL" });
  const { scheme, host, port } = parsed.url;
  const guard = await checkBrokerHost(host, allowHosts);
  if (!guard.ok) throw Object.assign(new Error(guard.message), { code: guard.errorClass === "ssrf_blocked" ? "ESSRF" : "ENOTFOUND" });
  const address = guard.address ?? host;
  const credentials = openCredentials(target.sealedCredentials);
  const options: ConnectionOptions = {
    servers: `${address.includes(":") ? `[${address}]` : address}:${port}`,
    name: `waypoint endpoint ${target.endpointId}`,
    timeout: timeoutMs,
    reconnect: false,
    ignoreClusterUpdates: true,
    noRandomize: true,
    // Dialled by address; TLS still verifies the certificate against the host name.
    ...(scheme === "tls" ? { tls: { servername: host } as ConnectionOptions["tls"] } : {}),
  };
  if (credentials && "username" in credentials) Object.assign(options, { user: credentials.username, pass: credentials.password });
  else if (credentials && "token" in credentials) options.token = credentials.token;
  else if (credentials && "creds" in credentials) options.authenticator = credsAuthenticator(encoder.encode(credentials.creds));
  const nc = await connect(options);
  void nc.closed().then(() => pool.lost(target.endpointId, nc));
  return nc;
}

async function send(target: DestinationTarget, message: DeliveryMessage, opts: { timeoutMs: number; allowHosts: readonly string[] }): Promise<DeliveryResult> {
  const started = process.hrtime.bigint();
  const settings = target.settings as NatsSettings | null;
  const parsed = parseBrokerUrl("nats", target.url);
  if (!settings || !("subject" in settings) || !parsed.ok) return failed(started, "broker_error", `This NATS destination is not set up completely: ${parsed.ok ? "no subject" : parsed.reason}`);
  const subject = routeFor(settings.subject, message.eventType);
  const credentials = openCredentials(target.sealedCredentials);
  const where: NatsWhere = { host: parsed.url.host, port: parsed.url.port, subject, user: credentials && "username" in credentials ? credentials.username : null };
  const details: Record<string, string> = { broker: "nats", subject };
  const fail = (err: unknown) => {
    const d = describeNatsError(err, where);
    return failed(started, d.errorClass, d.errorMessage!, details);
  };

  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"timeout">((r) => (timer = setTimeout(() => r("timeout"), opts.timeoutMs)));
  const attempt = (async () => {
    let nc: NatsConnection;
    try {
      nc = await pool.acquire(target.endpointId, fingerprint(target), () => open(target, opts.allowHosts, opts.timeoutMs));
    } catch (err) {
      return fail(err);
    }
    const h = natsHeaders();
    for (const [name, value] of Object.entries(message.headers)) h.set(name === "content-type" ? "Content-Type" : name, value);
    h.set("Waypoint-Event-Type", message.eventType);
    try {
      const ack = await nc.jetstream().publish(subject, encoder.encode(message.body), { msgID: message.eventId, headers: h, timeout: opts.timeoutMs });
      const ackDetails = { ...details, stream: ack.stream, seq: String(ack.seq), duplicate: String(ack.duplicate) };
      const excerpt = JSON.stringify({ stream: ack.stream, seq: ack.seq, duplicate: ack.duplicate, ...(ack.domain ? { domain: ack.domain } : {}) });
      return acknowledged(started, excerpt, ackDetails);
    } catch (err) {
      return fail(err);
    }
  })();
  const outcome = await Promise.race([attempt, deadline]).finally(() => clearTimeout(timer));
  if (outcome === "timeout") {
    return failed(started, "broker_timeout", `NATS at ${where.host}:${where.port} did not acknowledge within ${seconds(opts.timeoutMs)}; it will be sent again with the same Nats-Msg-Id`, details);
  }
  return outcome;
}

export const natsDriver: DestinationDriver = {
  type: "nats",
  send,
  close: (endpointId) => pool.close(endpointId),
  closeAll: () => pool.closeAll(),
};

export const natsPool = pool;
