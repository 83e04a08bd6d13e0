import { describe, expect, it } from "vitest";
import { deliveryDriver, inngestConfigWarnings, inngestSetup, parseEnv } from "@/lib/env-schema";

// Issue 13: a half Inngest configuration lost every delivery with only warnings in the logs, and
// INNGEST_DEV in production served unsigned calls. Start-up (parseEnv) now refuses both, by name.
const base = { DATABASE_URL: "postgresql://u@127.0.0.1:5432/db", AUTH_SECRET: "x".repeat(32), SECRETS_ENCRYPTION_KEY: "k".repeat(44) };
const keys = { INNGEST_EVENT_KEY: "evt-key", INNGEST_SIGNING_KEY: "signkey-prod-0123456789abcdef" };
const failure = (source: Record<string, string>) => {
  try {
    parseEnv({ ...base, ...source });
  } catch (e) {
    return (e as Error).message;
  }
  return null;
};

describe("delivery driver and Inngest configuration", () => {
  it("DELIVERY_ENGINE decides, and nothing else: embedded by default even with Inngest keys set", () => {
    expect(deliveryDriver(parseEnv(base))).toBe("embedded");
    const withKeys = parseEnv({ ...base, ...keys });
    expect(deliveryDriver(withKeys)).toBe("embedded");
    expect(inngestConfigWarnings(withKeys)).toEqual([expect.stringContaining("INNGEST_EVENT_KEY, INNGEST_SIGNING_KEY set but DELIVERY_ENGINE=embedded")]);
    expect(deliveryDriver(parseEnv({ ...base, ...keys, DELIVERY_ENGINE: "inngest" }))).toBe("inngest");
    expect(failure({ DELIVERY_ENGINE: "auto" })).toMatch(/DELIVERY_ENGINE: must be "embedded" \(default\), "inngest" or "off"/);
  });

  it("refuses DELIVERY_ENGINE=inngest without both keys, naming the missing ones", () => {
    expect(failure({ DELIVERY_ENGINE: "inngest" })).toMatch(/INNGEST_EVENT_KEY, INNGEST_SIGNING_KEY: required when DELIVERY_ENGINE=inngest/);
    expect(failure({ DELIVERY_ENGINE: "inngest", INNGEST_EVENT_KEY: "evt" })).toMatch(/\n {2}INNGEST_SIGNING_KEY: required when DELIVERY_ENGINE=inngest/);
    expect(failure({ DELIVERY_ENGINE: "inngest", INNGEST_SIGNING_KEY: "signkey-x-00" })).toMatch(/\n {2}INNGEST_EVENT_KEY: required when DELIVERY_ENGINE=inngest/);
    expect(failure({ DELIVERY_ENGINE: "inngest", NODE_ENV: "production", INNGEST_EVENT_KEY: "evt" })).toMatch(/INNGEST_SIGNING_KEY: required/);
    // Blank counts as unset (a compose file's `INNGEST_SIGNING_KEY=`).
    expect(failure({ DELIVERY_ENGINE: "inngest", ...keys, INNGEST_SIGNING_KEY: "" })).toMatch(/INNGEST_SIGNING_KEY: required/);
    expect(failure({ DELIVERY_ENGINE: "inngest", NODE_ENV: "production", ...keys })).toBeNull();
  });

  it("refuses INNGEST_DEV in production, even for a local production build (WAYPOINT_LOCAL)", () => {
    for (const dev of ["1", "true", "http://127.0.0.1:8288"]) {
      expect(failure({ NODE_ENV: "production", DELIVERY_ENGINE: "inngest", ...keys, INNGEST_DEV: dev })).toMatch(/INNGEST_DEV: not allowed when NODE_ENV=production/);
      expect(failure({ NODE_ENV: "production", WAYPOINT_LOCAL: "1", INNGEST_DEV: dev })).toMatch(/INNGEST_DEV: not allowed/);
    }
    // INNGEST_DEV=0 says "cloud", as the SDK reads it: allowed, and it needs the keys like any cloud setup.
    expect(failure({ NODE_ENV: "production", DELIVERY_ENGINE: "inngest", ...keys, INNGEST_DEV: "0" })).toBeNull();
    expect(failure({ NODE_ENV: "production", DELIVERY_ENGINE: "inngest", INNGEST_DEV: "0" })).toMatch(/INNGEST_EVENT_KEY, INNGEST_SIGNING_KEY: required/);
    expect(failure({ INNGEST_DEV: "yes please" })).toMatch(/INNGEST_DEV: must be 1, 0, true, false or the dev server's http\(s\):\/\/ URL/);
  });

  it("reads INNGEST_DEV the way the SDK does: 1, true or a URL is dev mode; 0 and false are cloud", () => {
    expect(inngestSetup({ INNGEST_DEV: "1" }).mode).toBe("dev");
    expect(inngestSetup({ INNGEST_DEV: "http://127.0.0.1:8288" })).toMatchObject({ mode: "dev", devServerUrl: "http://127.0.0.1:8288" });
    expect(inngestSetup({ INNGEST_DEV: "0" }).mode).toBe("cloud");
    expect(inngestSetup({ INNGEST_DEV: "false" }).mode).toBe("cloud");
    expect(inngestSetup({}).mode).toBe("cloud");
    // A local dev server needs no keys outside production.
    expect(failure({ DELIVERY_ENGINE: "inngest", INNGEST_DEV: "1" })).toBeNull();
  });
});
