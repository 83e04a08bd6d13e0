import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env-schema";
import { demoSignInEnabled } from "./demo-sign-in";

const base = { DATABASE_URL: "postgresql://u@127.0.0.1:5432/db", AUTH_SECRET: "x".repeat(32), SECRETS_ENCRYPTION_KEY: "k".repeat(44) };

describe("demo sign-in on the sign-in page", () => {
  it("is on under next dev, off in a production build unless a local build asks for it", () => {
    expect(demoSignInEnabled({ NODE_ENV: "development" })).toBe(true);
    expect(demoSignInEnabled({ NODE_ENV: "production" })).toBe(false);
    expect(demoSignInEnabled({ NODE_ENV: "test" })).toBe(false);
    expect(demoSignInEnabled({ NODE_ENV: "production", DEMO_SIGN_IN: "0" })).toBe(false);
    expect(demoSignInEnabled({ NODE_ENV: "production", DEMO_SIGN_IN: "1" })).toBe(true);
  });

  it("cannot be asked for in production: start-up stops, naming the variable", () => {
    expect(() => parseEnv({ ...base, NODE_ENV: "production", DEMO_SIGN_IN: "1" })).toThrow(/DEMO_SIGN_IN: not allowed in production/);
    // A local production build (the e2e set-up, WAYPOINT_LOCAL=1) may.
    expect(parseEnv({ ...base, NODE_ENV: "production", WAYPOINT_LOCAL: "1", DEMO_SIGN_IN: "1" }).DEMO_SIGN_IN).toBe("1");
    expect(() => parseEnv({ ...base, DEMO_SIGN_IN: "yes" })).toThrow(/DEMO_SIGN_IN/);
  });
});

describe("BACKGROUND_WORK=after-dev-seed", () => {
  it("is npm run dev's alone: refused in production, naming the variable", () => {
    expect(parseEnv({ ...base, NODE_ENV: "development", BACKGROUND_WORK: "after-dev-seed" }).BACKGROUND_WORK).toBe("after-dev-seed");
    expect(() => parseEnv({ ...base, NODE_ENV: "production", BACKGROUND_WORK: "after-dev-seed" })).toThrow(/BACKGROUND_WORK: after-dev-seed is for npm run dev only/);
  });
});
