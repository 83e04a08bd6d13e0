import { beforeAll, describe, expect, it } from "vitest";

// retry.ts reads the app's env when imported; nothing here touches the database.
let forEachBounded: typeof import("./retry").forEachBounded;
let BULK_RETRY_CONCURRENCY: number;
beforeAll(async () => {
  Object.assign(process.env, {
    DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/unused",
    AUTH_SECRET: "unit-tests-auth-secret-0123456789abcdef",
    SECRETS_ENCRYPTION_KEY: "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
    LOG_LEVEL: "silent",
  });
  ({ forEachBounded, BULK_RETRY_CONCURRENCY } = await import("./retry"));
});

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("bulk retries run with bounded concurrency", () => {
  it("never has more than the limit in flight, and runs every item once", async () => {
    let inFlight = 0;
    let peak = 0;
    const seen: number[] = [];
    await forEachBounded([...Array(45).keys()], BULK_RETRY_CONCURRENCY, async (i) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await tick(2 + (i % 3));
      seen.push(i);
      inFlight--;
    });
    expect(BULK_RETRY_CONCURRENCY).toBe(10);
    expect(peak).toBe(10);
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(45).keys()]);
  });

  it("one failing retry does not stop the others", async () => {
    const done: string[] = [];
    await forEachBounded(["a", "b", "c", "d"], 2, async (id) => {
      if (id === "b") throw new Error("boom");
      done.push(id);
    });
    expect(done.sort()).toEqual(["a", "c", "d"]);
  });

  it("handles nothing to do", async () => {
    await expect(forEachBounded([], 10, async () => {})).resolves.toBeUndefined();
  });
});
