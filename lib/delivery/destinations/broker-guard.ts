import "server-only";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { addressBlockReason, isAllowedHost, normalizeHost } from "@/lib/delivery/url-guard";

// Broker hosts pass the same private-address guard as webhook URLs: judged when the endpoint is
// saved (check-destination.ts) and again here, at every (re)connect, against the addresses the
// connection will use. 127.0.0.1 and other private hosts only through WEBHOOK_ALLOW_HOSTS.

const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "EAI_NODATA", "EAI_NONAME"]);

export type BrokerHostCheck =
  /** `address`: the checked address to dial (null: dial the host name, it is allow-listed). */
  | { ok: true; address: string | null }
  | { ok: false; errorClass: "ssrf_blocked" | "dns"; message: string };

export async function checkBrokerHost(rawHost: string, allowHosts: readonly string[]): Promise<BrokerHostCheck> {
  const host = normalizeHost(rawHost);
  if (isAllowedHost(host, allowHosts)) return { ok: true, address: null };
  if (isIP(host)) {
    const why = addressBlockReason(host);
    return why ? { ok: false, errorClass: "ssrf_blocked", message: `${host} is ${why}; Waypoint does not connect to private networks` } : { ok: true, address: host };
  }
  let addresses: string[];
  try {
    addresses = (await lookup(host, { all: true })).map((a) => a.address);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "lookup failed";
    return { ok: false, errorClass: "dns", message: `Could not resolve ${host} (${DNS_CODES.has(code) ? code : "lookup failed"})` };
  }
  if (addresses.length === 0) return { ok: false, errorClass: "dns", message: `${host} has no DNS records` };
  for (const address of addresses) {
    const why = addressBlockReason(address);
    if (why) return { ok: false, errorClass: "ssrf_blocked", message: `${host} resolves to ${address}, ${why}; Waypoint does not connect to private networks` };
  }
  return { ok: true, address: addresses[0]! };
}
