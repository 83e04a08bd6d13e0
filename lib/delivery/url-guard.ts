import "server-only";
import { lookup as dnsLookup } from "node:dns/promises";
import type { LookupAddress } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";

// SSRF guard: partner-supplied URLs must never reach our own network or the cloud metadata
// service. Checked when an endpoint is saved (assertEndpointUrl) and again at connect time
// (guardedLookup), because DNS can change between the two ("DNS rebinding").

const PRIVATE_SUFFIX = "webhooks cannot target private networks";

// Metadata services reachable by name or at addresses some ipaddr.js ranges would not flag.
const METADATA_HOSTS = new Set(["metadata.google.internal", "metadata.goog", "metadata", "instance-data"]);
const METADATA_IPS = new Set(["169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200"]);

const RANGE_LABELS: Record<string, string> = {
  private: "a private address",
  loopback: "a loopback address",
  linkLocal: "a link-local address",
  uniqueLocal: "a unique-local (private IPv6) address",
  multicast: "a multicast address",
  broadcast: "a broadcast address",
  unspecified: "an unspecified address",
  reserved: "a reserved address",
  carrierGradeNat: "a carrier-grade NAT address",
};

/** Resolves a hostname to all its addresses; injectable so tests need no real DNS. */
export type ResolveAll = (hostname: string) => Promise<string[]>;

const defaultResolve: ResolveAll = async (hostname) => (await dnsLookup(hostname, { all: true })).map((a) => a.address);

/** Lower-case, no IPv6 brackets, no trailing root dot: the form allow-list entries are compared in. */
export function normalizeHost(host: string): string {
  return host.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");
}

export function isAllowedHost(host: string, allowHosts: readonly string[]): boolean {
  const wanted = normalizeHost(host);
  return allowHosts.some((entry) => normalizeHost(entry) === wanted);
}

/** Why an address may not be called, or null when it is ordinary public unicast. */
export function addressBlockReason(ip: string): string | null {
  if (!ipaddr.isValid(ip)) return "not a valid IP address";
  // process() unwraps IPv4-mapped IPv6 (::ffff:10.0.0.1) so the inner IPv4 range is judged.
  const addr = ipaddr.process(ip);
  if (METADATA_IPS.has(addr.toString())) return "a link-local/cloud metadata address";
  const range = addr.range();
  if (range === "unicast") return null;
  return RANGE_LABELS[range] ?? `a special-purpose address (${range})`;
}

export function isPublicAddress(ip: string): boolean {
  return addressBlockReason(ip) === null;
}

export type EndpointUrlCheck = { ok: true; url: URL; addresses: string[] } | { ok: false; reason: string };

export interface EndpointUrlOptions {
  /** Hostnames or IP literals exempt from the address checks (local development, tests). */
  allowHosts: readonly string[];
  requireHttps: boolean;
  resolve?: ResolveAll;
}

/** Validates a partner endpoint URL. Never throws: bad input comes back as `{ ok: false, reason }`. */
export async function assertEndpointUrl(raw: string, options: EndpointUrlOptions): Promise<EndpointUrlCheck> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "Not a valid URL (expected e.g. https://example.com/webhooks)" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { ok: false, reason: `URL must use http or https (got ${url.protocol.replace(/:$/, "")})` };
  }
  if (options.requireHttps && url.protocol !== "https:") return { ok: false, reason: "URL must use HTTPS" };
  if (url.username || url.password) return { ok: false, reason: "URL must not contain a username or password" };

  const host = normalizeHost(url.hostname);
  if (isAllowedHost(host, options.allowHosts)) return { ok: true, url, addresses: [] };
  if (METADATA_HOSTS.has(host)) return { ok: false, reason: `${host} is a cloud metadata address; ${PRIVATE_SUFFIX}` };

  if (isIP(host)) {
    const why = addressBlockReason(host);
    return why ? { ok: false, reason: `${host} is ${why}; ${PRIVATE_SUFFIX}` } : { ok: true, url, addresses: [host] };
  }

  let addresses: string[];
  try {
    addresses = await (options.resolve ?? defaultResolve)(host);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "lookup failed";
    return { ok: false, reason: `${host} could not be resolved (${code}); check the host name` };
  }
  if (addresses.length === 0) return { ok: false, reason: `${host} has no DNS records` };
  // Every address must be public: a client may connect to any of them.
  for (const address of addresses) {
    const why = addressBlockReason(address);
    if (why) return { ok: false, reason: `${host} resolves to ${address}, ${why}; ${PRIVATE_SUFFIX}` };
  }
  return { ok: true, url, addresses };
}

/** Error raised from guardedLookup; http-attempt maps the code to `ssrf_blocked`. */
export class SsrfBlockedError extends Error {
  readonly code = "ESSRF";
  constructor(message: string) {
    super(message);
    this.name = "SsrfBlockedError";
  }
}

type ResolveWithFamily = (hostname: string, family: number) => Promise<LookupAddress[]>;

const defaultResolveWithFamily: ResolveWithFamily = (hostname, family) =>
  dnsLookup(hostname, { all: true, family: family === 4 || family === 6 ? family : 0 });

/**
 * A `lookup` for `http.request({ lookup })`: resolves at connect time and refuses non-public
 * addresses, so the address actually dialled is the one checked. Node skips `lookup` for IP
 * literals, so callers must check those themselves (isPublicAddress).
 */
export function guardedLookup(allowHosts: readonly string[], resolve: ResolveWithFamily = defaultResolveWithFamily): LookupFunction {
  return (hostname, options, callback) => {
    const family = typeof options.family === "number" ? options.family : 0;
    resolve(hostname, family).then(
      (addresses) => {
        if (!isAllowedHost(hostname, allowHosts)) {
          const bad = addresses.find((a) => !isPublicAddress(a.address));
          if (bad) {
            const why = addressBlockReason(bad.address);
            return callback(new SsrfBlockedError(`${hostname} resolves to ${bad.address}, ${why}; ${PRIVATE_SUFFIX}`), options.all ? [] : "");
          }
        }
        const first = addresses[0];
        if (options.all) return callback(null, addresses);
        if (!first) return callback(Object.assign(new Error(`${hostname} has no DNS records`), { code: "ENOTFOUND" }), "");
        callback(null, first.address, first.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, options.all ? [] : ""),
    );
  };
}
