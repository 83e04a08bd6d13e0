// A week of delivery history for the demo endpoints (development seed only): for each event, the
// attempts the delivery engine would have made to a partner that behaves like the demo endpoint,
// on the partner's retry schedule, and where that left the delivery. Pure and deterministic for a
// given random source; prisma/seed-history.ts writes the rows. The answers mirror what the demo
// receiver sends (lib/receiver), and the error texts are those of lib/delivery/http-attempt.ts.
import { STATUS_CODES } from "node:http";
import type { DemoEndpointKey } from "@/lib/dev/demo-endpoints";
import type { Random } from "@/lib/dev/traffic";

export type Window = { from: number; to: number };

/** How a demo endpoint behaved over the week, relative to `now`. */
export type Behaviour =
  | { kind: "healthy" }
  | { kind: "slow"; ms: number }
  | { kind: "flaky"; outages: Window[]; status: number }
  /** Fine until `since`, then every answer is `status` (401: old secret; 503: down). */
  | { kind: "failing"; since: number; status: number; body?: string };

export type PlannedAttempt = {
  startedAt: number;
  success: boolean;
  statusCode: number | null;
  latencyMs: number;
  errorClass: "http_error" | "timeout" | null;
  errorMessage: string | null;
  responseExcerpt: string | null;
  responseHeaders: Record<string, string>;
};

export type PlannedDelivery = {
  attempts: PlannedAttempt[];
  status: "pending" | "retrying" | "delivered" | "dead_lettered";
  nextAttemptAt: number | null;
  deliveredAt: number | null;
  deadLetteredAt: number | null;
  /** The last failure in the partner's words (Delivery.lastError), null once delivered. */
  lastError: string | null;
  /** When the row last changed (Delivery.updatedAt). */
  updatedAt: number;
};

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** The week each demo endpoint had, ending at `now`: outages, a secret rotated out, an outage that never ended. */
export function demoBehaviours(now: number): Record<DemoEndpointKey, Behaviour> {
  return {
    healthy: { kind: "healthy" },
    slow: { kind: "slow", ms: 2_500 },
    flaky: {
      kind: "flaky",
      status: 500,
      outages: [
        { from: now - 6 * 24 * HOUR + 3 * HOUR, to: now - 6 * 24 * HOUR + 3 * HOUR + 6 * MINUTE },
        // Long enough to dead-letter (first attempt + 30 s, 2 min, 8 min all inside): retried by hand after.
        { from: now - 4 * 24 * HOUR - 5 * HOUR, to: now - 4 * 24 * HOUR - 5 * HOUR + 100 * MINUTE },
        { from: now - 2 * 24 * HOUR - 2 * HOUR, to: now - 2 * 24 * HOUR - 2 * HOUR + 8 * MINUTE },
        { from: now - 30 * HOUR, to: now - 30 * HOUR + 5 * MINUTE },
        // Last night's long outage: its dead-letters are waiting for a retry.
        { from: now - 11 * HOUR, to: now - 11 * HOUR + 150 * MINUTE },
        { from: now - 4 * HOUR, to: now - 4 * HOUR + 6 * MINUTE },
      ],
    },
    // The secret was rotated 30 h ago; its 24 h overlap ended 6 h ago, and the partner's server
    // still verifies with the old one.
    "old-secret": { kind: "failing", since: now - 6 * HOUR, status: 401, body: '{"error":"webhook-signature did not verify"}' },
    down: { kind: "failing", since: now - 26 * HOUR, status: 503 },
  };
}

const jsonHeaders = (body: string, at: number): Record<string, string> => ({
  "content-type": body.startsWith("<") ? "text/html" : "application/json",
  date: new Date(at).toUTCString(),
  connection: "keep-alive",
  "keep-alive": "timeout=5",
  "content-length": String(Buffer.byteLength(body)),
});

const between = (random: Random, min: number, max: number) => Math.round(min + random() * (max - min));

function ok(at: number, latencyMs: number): PlannedAttempt {
  const body = '{"received":true}';
  return { startedAt: at, success: true, statusCode: 200, latencyMs, errorClass: null, errorMessage: null, responseExcerpt: body, responseHeaders: jsonHeaders(body, at + latencyMs) };
}

function httpError(at: number, status: number, latencyMs: number, body = `{"error":"receiver mode answered ${status}"}`): PlannedAttempt {
  const text = STATUS_CODES[status] ?? "";
  return {
    startedAt: at,
    success: false,
    statusCode: status,
    latencyMs,
    errorClass: "http_error",
    errorMessage: `Endpoint answered ${status}${text ? ` ${text}` : ""}`,
    responseExcerpt: body,
    responseHeaders: jsonHeaders(body, at + latencyMs),
  };
}

const timedOut = (at: number, timeoutMs: number): PlannedAttempt => ({
  startedAt: at,
  success: false,
  statusCode: null,
  latencyMs: timeoutMs,
  errorClass: "timeout",
  errorMessage: `No response within ${Number((timeoutMs / 1000).toFixed(1))} s`,
  responseExcerpt: null,
  responseHeaders: {},
});

/** One attempt at `at` to an endpoint behaving like `behaviour`. */
export function attemptAt(behaviour: Behaviour, at: number, timeoutMs: number, random: Random): PlannedAttempt {
  switch (behaviour.kind) {
    case "healthy": {
      const roll = random();
      if (roll < 0.01) return httpError(at, 502, between(random, 5, 30), "<html><body><h1>502 Bad Gateway</h1></body></html>");
      if (roll < 0.015) return timedOut(at, timeoutMs);
      return ok(at, between(random, 25, 140));
    }
    case "slow":
      return random() < 0.03 ? timedOut(at, timeoutMs) : ok(at, behaviour.ms + between(random, -200, 900));
    case "flaky":
      return behaviour.outages.some((w) => at >= w.from && at < w.to) ? httpError(at, behaviour.status, between(random, 4, 25)) : ok(at, between(random, 40, 180));
    case "failing":
      return at >= behaviour.since ? httpError(at, behaviour.status, between(random, 3, 20), behaviour.body) : ok(at, between(random, 30, 150));
  }
}

/**
 * The automatic attempts for an event recorded at `eventAt`: the first within a moment, then one
 * after each delay of `schedule` (seconds, counted from the end of the previous attempt, plus the
 * engine's up-to-a-second poll) until one succeeds or the schedule is used up (dead-lettered).
 * Attempts not yet due at `now` are left to the running engine (retrying / pending).
 */
export function planDelivery(input: { behaviour: Behaviour; eventAt: number; schedule: readonly number[]; timeoutMs: number; now: number; random: Random }): PlannedDelivery {
  const { behaviour, schedule, timeoutMs, now, random } = input;
  const attempts: PlannedAttempt[] = [];
  let at = input.eventAt + between(random, 15, 400);
  for (let n = 1; n <= schedule.length + 1; n++) {
    if (at > now) {
      const last = attempts.at(-1);
      return { attempts, status: attempts.length ? "retrying" : "pending", nextAttemptAt: at, deliveredAt: null, deadLetteredAt: null, lastError: last?.errorMessage ?? null, updatedAt: last ? last.startedAt + last.latencyMs : input.eventAt };
    }
    const attempt = attemptAt(behaviour, at, timeoutMs, random);
    attempts.push(attempt);
    const end = at + attempt.latencyMs;
    if (attempt.success) return { attempts, status: "delivered", nextAttemptAt: null, deliveredAt: end, deadLetteredAt: null, lastError: null, updatedAt: end };
    if (n === schedule.length + 1) return { attempts, status: "dead_lettered", nextAttemptAt: null, deliveredAt: null, deadLetteredAt: end, lastError: attempt.errorMessage, updatedAt: end };
    at = end + schedule[n - 1]! * 1000 + between(random, 0, 1000);
  }
  throw new Error("unreachable");
}
