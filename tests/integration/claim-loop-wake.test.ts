import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { ClaimLoop } from "@/lib/jobs/claim-loop";

// A NOTIFY that arrives while the loop is running a claim announces work that claim may not have
// seen (it committed after the claim's snapshot). The loop must look again then, not sleep until
// the next NOTIFY or the poll: on a quiet system that was up to a whole poll interval of delay.

const CHANNEL = "waypoint_test_claim_loop_wake";

class ProbeLoop extends ClaimLoop {
  claims: number[] = [];
  private readonly firstClaimStarted: Promise<void>;
  private markStarted!: () => void;
  private readonly releaseFirst: Promise<void>;
  release!: () => void;

  constructor() {
    super({ name: "probe loop", connectionString: process.env.DATABASE_URL!, channel: CHANNEL, pollMs: 60_000, poolMax: 1 });
    this.firstClaimStarted = new Promise((r) => (this.markStarted = r));
    this.releaseFirst = new Promise((r) => (this.release = r));
  }

  started() {
    return this.firstClaimStarted;
  }

  protected async claimAndDispatch() {
    this.claims.push(Date.now());
    if (this.claims.length === 1) {
      this.markStarted();
      await this.releaseFirst; // the claim is "running" while the NOTIFY comes
    }
    return false;
  }

  protected isFull() {
    return false;
  }
}

const loops: ProbeLoop[] = [];
afterEach(async () => {
  await Promise.all(loops.splice(0).map((l) => l.stop(1000)));
});

async function notify() {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query(`NOTIFY ${CHANNEL}`);
  await client.end();
}

describe("claim loop wake-ups", () => {
  it("claims again when work is announced during a claim, without waiting for the poll", async () => {
    const loop = new ProbeLoop();
    loops.push(loop);
    await loop.start();
    await loop.started();
    await notify();
    await new Promise((r) => setTimeout(r, 300)); // the notification reaches the listener mid-claim
    loop.release();
    await expect.poll(() => loop.claims.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
  });

  it("sleeps until the poll when nothing was announced", async () => {
    const loop = new ProbeLoop();
    loops.push(loop);
    await loop.start();
    await loop.started();
    loop.release();
    await new Promise((r) => setTimeout(r, 1500));
    expect(loop.claims.length).toBe(1);
  });
});
