import "server-only";

// The health probes answer without a sign-in, so they are rate-limited here, in memory and per
// process (no database round trip: a probe must stay cheap even when something hammers it).
// Fixed one-second windows: per client address, and for everyone together.

export const PROBE_LIMITS = { perAddressPerSecond: 20, totalPerSecond: 200 } as const;

const globalForProbes = globalThis as unknown as { waypointProbeWindows?: { second: number; total: number; byAddress: Map<string, number> } };

/** The first address in X-Forwarded-For (the platform's proxy sets it), else "direct". */
const addressOf = (request?: Request) => request?.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "direct";

/** True when this probe may be answered; false means 429 (Retry-After: 1). */
export function probeAllowed(request?: Request, now = Date.now()): boolean {
  const second = Math.floor(now / 1000);
  const w = globalForProbes.waypointProbeWindows;
  const window = w && w.second === second ? w : (globalForProbes.waypointProbeWindows = { second, total: 0, byAddress: new Map() });
  const address = addressOf(request);
  const mine = (window.byAddress.get(address) ?? 0) + 1;
  window.byAddress.set(address, mine);
  window.total++;
  return mine <= PROBE_LIMITS.perAddressPerSecond && window.total <= PROBE_LIMITS.totalPerSecond;
}

export const tooManyProbes = () => Response.json({ status: "rate_limited" }, { status: 429, headers: { "retry-after": "1", "cache-control": "no-store" } });
