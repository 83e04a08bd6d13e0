import { describe, expect, it } from "vitest";
import { attemptAt, demoBehaviours, planDelivery, type Behaviour } from "./history";
import { seededRandom } from "./traffic";

const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);
const SCHEDULE = [30, 120, 480];
const MIN = 60_000;
const plan = (behaviour: Behaviour, eventAt: number, seed = 1) => planDelivery({ behaviour, eventAt, schedule: SCHEDULE, timeoutMs: 10_000, now: NOW, random: seededRandom(seed) });

describe("demo delivery history", () => {
  it("a healthy partner takes almost everything at the first attempt", () => {
    const plans = Array.from({ length: 400 }, (_, i) => plan({ kind: "healthy" }, NOW - 3 * 86_400_000 + i * MIN, i));
    expect(plans.every((p) => p.status === "delivered")).toBe(true);
    const firstTime = plans.filter((p) => p.attempts.length === 1).length;
    expect(firstTime / plans.length).toBeGreaterThan(0.95);
    expect(firstTime).toBeLessThan(plans.length); // and a retry that recovered now and then
  });

  it("retries on the partner's schedule: each attempt the delay after the previous one ended", () => {
    const outage: Behaviour = { kind: "flaky", status: 500, outages: [{ from: NOW - 60 * MIN, to: NOW - 58 * MIN }] };
    const p = plan(outage, NOW - 60 * MIN);
    expect(p.status).toBe("delivered");
    expect(p.attempts.map((a) => a.success)).toEqual([false, false, true]);
    for (let i = 1; i < p.attempts.length; i++) {
      const prev = p.attempts[i - 1]!;
      const gap = p.attempts[i]!.startedAt - (prev.startedAt + prev.latencyMs);
      expect(gap).toBeGreaterThanOrEqual(SCHEDULE[i - 1]! * 1000);
      expect(gap).toBeLessThanOrEqual(SCHEDULE[i - 1]! * 1000 + 1000);
    }
    expect(p.attempts[0]!.errorMessage).toBe("Endpoint answered 500 Internal Server Error");
  });

  it("dead-letters after the last retry fails, with the last error in the partner's words", () => {
    const p = plan({ kind: "failing", since: NOW - 5 * 3_600_000, status: 401, body: '{"error":"webhook-signature did not verify"}' }, NOW - 2 * 3_600_000);
    expect(p.status).toBe("dead_lettered");
    expect(p.attempts).toHaveLength(SCHEDULE.length + 1);
    expect(p.lastError).toBe("Endpoint answered 401 Unauthorized");
    expect(p.attempts[0]!.responseExcerpt).toBe('{"error":"webhook-signature did not verify"}');
    expect(p.deadLetteredAt).toBe(p.updatedAt);
    // Before the failures began, the same partner was fine.
    expect(plan({ kind: "failing", since: NOW - 5 * 3_600_000, status: 401 }, NOW - 6 * 3_600_000).status).toBe("delivered");
  });

  it("leaves attempts that are not due yet to the running engine", () => {
    const p = plan({ kind: "failing", since: NOW - 3_600_000, status: 503 }, NOW - 60_000);
    expect(p.status).toBe("retrying");
    expect(p.attempts).toHaveLength(2); // at once, then 30 s later; the 2-minute retry is still ahead
    expect(p.nextAttemptAt).toBeGreaterThan(NOW);
    expect(plan({ kind: "healthy" }, NOW + 5_000).status).toBe("pending");
  });

  it("a slow partner answers in seconds; a timeout is recorded like the engine records it", () => {
    const random = seededRandom(3);
    const answers = Array.from({ length: 300 }, (_, i) => attemptAt({ kind: "slow", ms: 2_500 }, NOW - i * MIN, 10_000, random));
    expect(answers.filter((a) => a.success).every((a) => a.latencyMs >= 2_300)).toBe(true);
    const timeout = answers.find((a) => !a.success)!;
    expect(timeout).toMatchObject({ statusCode: null, errorClass: "timeout", errorMessage: "No response within 10 s", latencyMs: 10_000 });
  });

  it("the demo week: the flaky CRM's last outage is long enough to dead-letter, the others recover", () => {
    const flaky = demoBehaviours(NOW).flaky as Extract<Behaviour, { kind: "flaky" }>;
    const longest = Math.max(...flaky.outages.map((w) => w.to - w.from));
    expect(longest).toBeGreaterThan((30 + 120 + 480) * 1000 + 60_000);
    const last = flaky.outages.at(-1)!;
    expect(plan(flaky, last.from + 1000).status).toBe("delivered");
  });
});
