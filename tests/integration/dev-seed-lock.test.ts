import { describe, expect, it } from "vitest";
import { holdDevSeedLock, waitForDevSeed } from "@/lib/dev/seed-lock";

// npm run dev starts next dev while it seeds; the app's engines wait for the seed's lock.

describe("the dev seed lock", () => {
  it("keeps the app's background work waiting until the seed is written, and lets it go at once after", async () => {
    const url = process.env.DATABASE_URL!;
    const release = await holdDevSeedLock(url);
    let started = false;
    const waiting = waitForDevSeed(url).then(() => (started = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(started).toBe(false);
    await release();
    await waiting;
    expect(started).toBe(true);
    // Nobody seeding: it resolves (a wait here would end the test at its timeout).
    await expect(waitForDevSeed(url)).resolves.toBeUndefined();
  });
});
