import { describe, expect, it } from "vitest";
import { DB_SLOTS, withDbSlot } from "./db-gate";

describe("database gate", () => {
  it("never runs more than DB_SLOTS at once, and serves endpoints in turn", async () => {
    let running = 0;
    let peak = 0;
    const order: string[] = [];
    const job = (key: string) => () =>
      withDbSlot(async () => {
        running++;
        peak = Math.max(peak, running);
        order.push(key);
        await new Promise((r) => setTimeout(r, 5));
        running--;
      }, key);
    // A slow endpoint floods the gate first; one fast endpoint's job arrives after 200 of them.
    const jobs = [...Array.from({ length: 200 }, () => job("slow")), job("fast")];
    await Promise.all(jobs.map((j) => j()));
    expect(peak).toBe(DB_SLOTS);
    // Round-robin: the fast job runs within one turn of the queue, not after all 200.
    expect(order.indexOf("fast")).toBeLessThan(DB_SLOTS + 2);
  });
});
