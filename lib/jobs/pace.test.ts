import { describe, expect, it } from "vitest";
import { backgroundPace, eachPaced } from "@/lib/jobs/pace";

describe("eachPaced", () => {
  it("runs the chunks in order, one at a time, and paces after each with the time it took", async () => {
    const log: string[] = [];
    let running = 0;
    await eachPaced(["a", "b", "c"], async (ms) => void log.push(`pace ${ms >= 20 ? "after-work" : "too-soon"}`), async (item) => {
      running++;
      expect(running).toBe(1);
      await new Promise((r) => setTimeout(r, 25));
      log.push(item);
      running--;
    });
    expect(log).toEqual(["a", "pace after-work", "b", "pace after-work", "c", "pace after-work"]);
  });

  it("background pace waits longer than the chunk took, so a pass uses a fraction of a core", async () => {
    const started = performance.now();
    await backgroundPace(30);
    expect(performance.now() - started).toBeGreaterThanOrEqual(85); // 3 × 30 ms, less timer slack
  });
});
