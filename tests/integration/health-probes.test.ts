import { describe, expect, it } from "vitest";
import { GET as live } from "@/app/api/health/live/route";
import { GET as ready } from "@/app/api/health/ready/route";
import { PROBE_LIMITS } from "@/lib/http/probe-limit";

const probe = (path: string, address: string) => new Request(`http://localhost${path}`, { headers: { "x-forwarded-for": `${address}, 10.0.0.1` } });
// A fresh second for each test's burst (the windows are per second, in memory).
const nextSecond = () => new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 5));

describe("health probes", () => {
  it("live answers 200 without touching anything; ready checks the database and the driver, unauthenticated, and names no host, user or key", async () => {
    await nextSecond();
    const l = live(probe("/api/health/live", "203.0.113.1"));
    expect(l.status).toBe(200);
    expect(await l.json()).toEqual({ status: "live" });
    const r = await ready(probe("/api/health/ready", "203.0.113.1"));
    expect(r.status).toBe(200); // DELIVERY_ENGINE=off here: nothing to be up but the database
    const text = await r.text();
    expect(JSON.parse(text)).toMatchObject({ ready: true, database: { reachable: true }, delivery: { driver: "off" } });
    const url = new URL(process.env.DATABASE_URL!);
    for (const secret of [process.env.DATABASE_URL!, url.pathname.slice(1), process.env.AUTH_SECRET!, process.env.SECRETS_ENCRYPTION_KEY!]) expect(text).not.toContain(secret);
    expect(r.headers.get("cache-control")).toBe("no-store");
  });

  it("are rate-limited per client address (429 with Retry-After), other addresses still answered", async () => {
    await nextSecond();
    const answers = [];
    for (let i = 0; i < PROBE_LIMITS.perAddressPerSecond + 3; i++) answers.push(live(probe("/api/health/live", "198.51.100.7")).status);
    expect(answers.filter((s) => s === 200)).toHaveLength(PROBE_LIMITS.perAddressPerSecond);
    const limited = live(probe("/api/health/live", "198.51.100.7"));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect((await ready(probe("/api/health/ready", "198.51.100.7"))).status).toBe(429);
    expect(live(probe("/api/health/live", "198.51.100.8")).status).toBe(200);
    await nextSecond();
    expect(live(probe("/api/health/live", "198.51.100.7")).status).toBe(200);
  });
});
