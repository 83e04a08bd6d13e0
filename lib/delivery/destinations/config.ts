// Destination types and their settings: what an endpoint delivers into (an HTTP URL or a
// partner's broker) and the rules for each, in one browser-safe place so the dashboard form
// validates with the very rules the server enforces. No server imports here.
import { z } from "zod";

export const DESTINATION_TYPES = ["http", "rabbitmq", "nats"] as const;
export type DestinationType = (typeof DESTINATION_TYPES)[number];
export const BROKER_TYPES = ["rabbitmq", "nats"] as const;
export type BrokerType = (typeof BROKER_TYPES)[number];
export const isBroker = (type: DestinationType): type is BrokerType => type !== "http";

export const DESTINATION_LABELS: Record<DestinationType, string> = {
  http: "HTTP webhook",
  rabbitmq: "RabbitMQ",
  nats: "NATS JetStream",
};

/** Replaced by the event's type (`delivered`, `out_for_delivery`, …) in a routing key or subject. */
export const EVENT_TYPE_PLACEHOLDER = "{event_type}";
export const DEFAULT_ROUTING_KEY = `waypoint.${EVENT_TYPE_PLACEHOLDER}`;
export const DEFAULT_SUBJECT = `waypoint.${EVENT_TYPE_PLACEHOLDER}`;

/** A routing key or subject for one event: the placeholder replaced, or the fixed value as it is. */
export const routeFor = (template: string, eventType: string) => template.split(EVENT_TYPE_PLACEHOLDER).join(eventType);

export const URL_SCHEMES: Record<BrokerType, readonly string[]> = { rabbitmq: ["amqp", "amqps"], nats: ["nats", "tls"] };
export const DEFAULT_PORTS: Record<string, number> = { amqp: 5672, amqps: 5671, nats: 4222, tls: 4222 };
export const URL_EXAMPLES: Record<DestinationType, string> = {
  http: "https://api.example.com/webhooks/waypoint",
  rabbitmq: "amqps://broker.example.com:5671/orders",
  nats: "nats://nats.example.com:4222",
};

const NAME_MAX = 255;
// AMQP short strings; printable, no control characters.
const exchangeRule = z
  .string()
  .trim()
  .min(1, "is required (the exchange must already exist)")
  .max(NAME_MAX, `must be at most ${NAME_MAX} characters`)
  .regex(/^[A-Za-z0-9_.:\-/]+$/, "may contain letters, digits and _ . : - / only")
  .refine((v) => !v.startsWith("amq."), "amq.* exchanges are reserved by RabbitMQ");
const routingKeyRule = z
  .string()
  .trim()
  .min(1, "is required")
  .max(NAME_MAX, `must be at most ${NAME_MAX} characters`)
  .regex(/^[A-Za-z0-9_.:\-/{}#*]+$/, `may contain letters, digits, _ . : - / and ${EVENT_TYPE_PLACEHOLDER}`);
// NATS subjects: dot-separated tokens, no wildcards (we publish to one subject), no spaces.
const subjectRule = z
  .string()
  .trim()
  .min(1, "is required")
  .max(NAME_MAX, `must be at most ${NAME_MAX} characters`)
  .regex(/^[A-Za-z0-9_\-{}]+(\.[A-Za-z0-9_\-{}]+)*$/, `must be dot-separated tokens of letters, digits, _ and -, with ${EVENT_TYPE_PLACEHOLDER} where the event type goes (no wildcards)`);

export const rabbitSettingsSchema = z.strictObject({ exchange: exchangeRule, routingKey: routingKeyRule.default(DEFAULT_ROUTING_KEY) });
export const natsSettingsSchema = z.strictObject({ subject: subjectRule.default(DEFAULT_SUBJECT) });
export type RabbitSettings = z.output<typeof rabbitSettingsSchema>;
export type NatsSettings = z.output<typeof natsSettingsSchema>;
/** Settings are stored per type; one shape accepts either, the type says which applies. */
export const destinationSettingsSchema = z.union([rabbitSettingsSchema, natsSettingsSchema]);
export type DestinationSettings = RabbitSettings | NatsSettings;

const SECRET_MAX = 4096;
/** Write-only: sealed at rest, never shown again. A NATS .creds file holds a JWT and an NKey seed. */
export const brokerCredentialsSchema = z.union([
  z.strictObject({ username: z.string().min(1, "is required").max(NAME_MAX), password: z.string().max(SECRET_MAX) }),
  z.strictObject({ token: z.string().min(1, "is required").max(SECRET_MAX) }),
  z.strictObject({
    creds: z
      .string()
      .min(1, "is required")
      .max(SECRET_MAX)
      .refine((v) => v.includes("BEGIN NATS USER JWT") && v.includes("BEGIN USER NKEY SEED"), "must be the contents of a NATS .creds file (user JWT and NKey seed)"),
  }),
]);
export type BrokerCredentials = z.output<typeof brokerCredentialsSchema>;

/** What the dashboard may say about stored credentials: their kind and user name, never the secret. */
export type CredentialsSummary = { kind: "password"; username: string } | { kind: "token" } | { kind: "creds" } | null;
export function summariseCredentials(c: BrokerCredentials | null): CredentialsSummary {
  if (!c) return null;
  if ("username" in c) return { kind: "password", username: c.username };
  return "token" in c ? { kind: "token" } : { kind: "creds" };
}

/** The destination's settings for its type, or why they cannot be used. */
export function settingsFor(type: DestinationType, raw: unknown): { ok: true; settings: DestinationSettings | null } | { ok: false; field: string; message: string } {
  if (type === "http") return raw == null ? { ok: true, settings: null } : { ok: false, field: "destination", message: "an HTTP endpoint takes no broker settings" };
  const schema = type === "rabbitmq" ? rabbitSettingsSchema : natsSettingsSchema;
  const parsed = schema.safeParse(raw ?? {});
  if (parsed.success) return { ok: true, settings: parsed.data };
  const issue = parsed.error.issues[0]!;
  const key = issue.path[0];
  return { ok: false, field: typeof key === "string" ? key : "destination", message: issue.message };
}

export type ParsedBrokerUrl = {
  scheme: string;
  host: string;
  port: number;
  /** RabbitMQ virtual host ("/" when the URL names none). */
  vhost: string;
  /** Credentials written into the URL (amqp://user:pass@host): moved to the sealed credentials. */
  username: string;
  password: string;
  /** The URL without credentials: what is stored and shown. */
  display: string;
};

/** Parses a broker URL, or says why it is not one. Credentials in it are split off, never stored in the URL. */
export function parseBrokerUrl(type: BrokerType, raw: string): { ok: true; url: ParsedBrokerUrl } | { ok: false; reason: string } {
  const schemes = URL_SCHEMES[type];
  const example = URL_EXAMPLES[type];
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: `Not a valid ${DESTINATION_LABELS[type]} URL (expected e.g. ${example})` };
  }
  const scheme = url.protocol.replace(/:$/, "");
  if (!schemes.includes(scheme)) return { ok: false, reason: `${DESTINATION_LABELS[type]} URLs start with ${schemes.map((s) => `${s}://`).join(" or ")} (got ${scheme}://)` };
  if (!url.hostname) return { ok: false, reason: `The URL has no host (expected e.g. ${example})` };
  if (url.search || url.hash) return { ok: false, reason: "The URL must not carry ?query or #fragment options" };
  const port = url.port ? Number(url.port) : DEFAULT_PORTS[scheme]!;
  let vhost = "/";
  if (type === "rabbitmq") {
    const path = url.pathname.replace(/^\//, "");
    if (path.includes("/")) return { ok: false, reason: "Write a virtual host with a slash in it as %2F (amqp://host/%2Forders)" };
    if (path) vhost = decodeURIComponent(path);
  } else if (url.pathname && url.pathname !== "/") {
    return { ok: false, reason: "A NATS URL has no path (expected e.g. nats://nats.example.com:4222)" };
  }
  const host = url.hostname;
  const pathPart = type === "rabbitmq" && vhost !== "/" ? `/${encodeURIComponent(vhost)}` : "";
  return {
    ok: true,
    url: {
      scheme,
      host: host.replace(/^\[(.*)\]$/, "$1"),
      port,
      vhost,
      username: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      display: `${scheme}://${host}:${port}${pathPart}`,
    },
  };
}

/** Where a delivery goes, in words: the URL, or the broker with its exchange/subject. */
export function describeDestination(type: DestinationType, url: string, settings: DestinationSettings | null, eventType?: string): string {
  if (type === "http" || !settings) return url;
  if ("exchange" in settings) {
    const key = eventType ? routeFor(settings.routingKey, eventType) : settings.routingKey;
    return `${url} → exchange "${settings.exchange}", routing key "${key}"`;
  }
  return `${url} → subject "${eventType ? routeFor(settings.subject, eventType) : settings.subject}"`;
}

type DestinationInput = {
  destinationType: DestinationType;
  url: string;
  destination?: { exchange?: string; routingKey?: string; subject?: string } | null;
  credentials?: BrokerCredentials | null;
};

/**
 * What is wrong with an endpoint's destination, per field (url, exchange, routingKey, subject,
 * credentials): its URL's scheme and shape, its settings for its type, credentials it can use.
 * The host's addresses are judged on the server (check-destination.ts), which resolves DNS.
 */
export function destinationIssues(input: DestinationInput): { field: string; message: string }[] {
  const type = input.destinationType;
  const issues: { field: string; message: string }[] = [];
  if (type === "http") {
    if (input.destination) issues.push({ field: "destinationType", message: "an HTTP endpoint takes no exchange, routing key or subject" });
    if (input.credentials) issues.push({ field: "credentials", message: "an HTTP endpoint takes no broker credentials (requests are signed with the endpoint's secret)" });
    return issues;
  }
  const url = parseBrokerUrl(type, input.url);
  if (!url.ok) issues.push({ field: "url", message: url.reason });
  const settings = settingsFor(type, pick(type, input.destination));
  if (!settings.ok) issues.push({ field: settings.field, message: settings.message });
  if (type === "rabbitmq" && input.credentials && !("username" in input.credentials)) {
    issues.push({ field: "credentials", message: "RabbitMQ takes a username and password" });
  }
  return issues;
}

/** Only the settings of this type: a form that switched types may still hold the other's fields. */
function pick(type: BrokerType, raw: DestinationInput["destination"]): Record<string, string> {
  const out: Record<string, string> = {};
  const keys = type === "rabbitmq" ? (["exchange", "routingKey"] as const) : (["subject"] as const);
  for (const key of keys) {
    const value = raw?.[key];
    // An empty routing key or subject means "the default"; an empty exchange is an error.
    if (value !== undefined && (key === "exchange" || value.trim() !== "")) out[key] = value;
  }
  return out;
}

/** The settings to store for this type (defaults filled in), or null for HTTP. Call after destinationIssues. */
export function normalisedSettings(type: DestinationType, raw: DestinationInput["destination"]): DestinationSettings | null {
  if (type === "http") return null;
  const result = settingsFor(type, pick(type, raw));
  if (!result.ok) throw new Error(`${result.field}: ${result.message}`);
  return result.settings;
}
