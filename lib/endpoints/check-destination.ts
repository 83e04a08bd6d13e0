import "server-only";
import { checkBrokerHost } from "@/lib/delivery/destinations/broker-guard";
import { destinationIssues, isBroker, normalisedSettings, parseBrokerUrl, type BrokerCredentials, type DestinationSettings, type DestinationType } from "@/lib/delivery/destinations/config";
import { sealCredentials } from "@/lib/delivery/destinations/credentials";
import { endpointUrlProblem } from "@/lib/endpoints/check-url";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

// An endpoint's destination, judged when it is saved: its settings for its type, and its host
// by the same private-address guard as webhook URLs (DNS resolved here, before any lock; the
// drivers check again at every connect). Broker credentials are split off the URL and sealed.

type DestinationFields = {
  destinationType: DestinationType;
  url: string;
  destination?: { exchange?: string; routingKey?: string; subject?: string } | null;
  credentials?: BrokerCredentials | null;
};

/** Why this URL cannot be used for this type of destination, or null when it can. Never throws. */
export async function destinationUrlProblem(type: DestinationType, url: string): Promise<string | null> {
  if (!isBroker(type)) return endpointUrlProblem(url);
  const parsed = parseBrokerUrl(type, url);
  if (!parsed.ok) return parsed.reason;
  const host = await checkBrokerHost(parsed.url.host, env.WEBHOOK_ALLOW_HOSTS);
  return host.ok ? null : host.message;
}

/** Throws a 422 naming each field ("url: …; exchange: …"), like every other bad input. */
export async function assertUsableDestination(fields: DestinationFields, opts: { checkHost: boolean }): Promise<void> {
  const issues = destinationIssues(fields);
  if (issues.length === 0 && opts.checkHost) {
    const problem = await destinationUrlProblem(fields.destinationType, fields.url);
    if (problem) issues.push({ field: "url", message: problem });
  }
  if (issues.length) {
    throw new AppError("validation_failed", issues.map((i) => `${i.field}: ${i.message}`).join("; "), { issues: issues.map((i) => ({ path: i.field, message: i.message })) });
  }
}

export type DestinationColumns = {
  url: string;
  destinationType: DestinationType;
  destination: DestinationSettings | null;
  /** undefined: keep what is stored. */
  encryptedCredentials: string | null | undefined;
};

/**
 * What to store: the URL without credentials, the settings with defaults, and the credentials
 * sealed (given explicitly, or written into the URL as amqp://user:pass@host). Call after
 * assertUsableDestination. `credentials` undefined keeps the stored ones (an edit that leaves the
 * password field empty); an HTTP endpoint keeps none.
 */
export function destinationColumns(fields: DestinationFields): DestinationColumns {
  const type = fields.destinationType;
  if (!isBroker(type)) return { url: fields.url.trim(), destinationType: "http", destination: null, encryptedCredentials: null };
  const parsed = parseBrokerUrl(type, fields.url);
  if (!parsed.ok) throw new AppError("validation_failed", `url: ${parsed.reason}`);
  const fromUrl: BrokerCredentials | null = parsed.url.username ? { username: parsed.url.username, password: parsed.url.password } : null;
  const credentials = fields.credentials !== undefined ? fields.credentials : fromUrl ?? undefined;
  return {
    url: parsed.url.display,
    destinationType: type,
    destination: normalisedSettings(type, fields.destination),
    encryptedCredentials: credentials === undefined ? undefined : credentials === null ? null : sealCredentials(credentials),
  };
}
