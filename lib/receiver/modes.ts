import { z } from "zod";

// How the receiver answers, settable per path so one process can play a fast partner and
// a slow or flaky one at the same time. Shared by the in-process API and the HTTP control API.

export const receiverModeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("ok") }),
  z.object({ kind: z.literal("status"), status: z.number().int().min(200).max(599) }),
  /** Never answers until the receiver closes: exercises the sender's timeout. */
  z.object({ kind: z.literal("timeout") }),
  z.object({ kind: z.literal("slow"), ms: z.number().int().min(0).max(600_000) }),
  /** Answers `status` (default 500) to the next `times` requests, then 200. */
  z.object({ kind: z.literal("fail-times"), times: z.number().int().min(0), status: z.number().int().min(200).max(599).optional() }),
  /**
   * Outages it recovers from: 200 for `upMs`, then `status` (default 503) for `downMs`, over and
   * over, counted from when the mode was set. A sender's retries after an outage succeed.
   */
  z.object({ kind: z.literal("flaky"), upMs: z.number().int().min(1), downMs: z.number().int().min(1), status: z.number().int().min(200).max(599).optional() }),
  /**
   * A partner enforcing its own rate limit: at most `perSecond` requests in each one-second window
   * (counted from when the mode was set); the rest get `status` (default 429) with
   * `Retry-After: retryAfterS` (default 1).
   */
  z.object({
    kind: z.literal("rate-limit"),
    perSecond: z.number().int().min(1),
    status: z.number().int().min(400).max(599).optional(),
    retryAfterS: z.number().int().min(0).optional(),
  }),
]);

export type ReceiverMode = z.infer<typeof receiverModeSchema>;

/**
 * What the receiver checks before its mode answers, so one process can also play a partner who
 * verifies signatures (401 when `webhook-signature` does not verify with a known secret) and
 * one whose handler is not idempotent (409 to a webhook-id it already accepted on that path).
 */
export const receiverChecksSchema = z.object({ verify: z.boolean().optional(), rejectReplays: z.boolean().optional() });

export type ReceiverChecks = z.infer<typeof receiverChecksSchema>;

export const modeRequestSchema = z.object({ path: z.string().optional(), mode: receiverModeSchema, ...receiverChecksSchema.shape });
export const secretRequestSchema = z.object({ secret: z.string().min(1) });

/** Mode plus its counter: fail-times needs to remember how many failures it has served. */
export interface ModeState {
  mode: ReceiverMode;
  served: number;
  /** When the mode was set (ms since the epoch): flaky counts its cycle from here. */
  since?: number;
  checks?: ReceiverChecks;
  /** webhook-ids answered 2xx on this path, oldest first (only kept when rejecting replays). */
  accepted?: Set<string>;
  /** rate-limit: the current one-second window and the requests it let through. */
  window?: { start: number; allowed: number };
}

const MAX_ACCEPTED_IDS = 10_000; // a long dev session must not grow without bound

export type Refusal = { status: 401 | 409; error: string };

/** The answer a check gives before the mode is asked, or null when the request gets through. */
export function refuse(state: ModeState, request: { signatureValid: boolean | null; webhookId: string | null }): Refusal | null {
  // Unchecked (no secret known) is refused too: a verifying partner cannot accept what it cannot verify.
  if (state.checks?.verify && request.signatureValid !== true) return { status: 401, error: "webhook-signature did not verify" };
  if (state.checks?.rejectReplays && request.webhookId && state.accepted?.has(request.webhookId)) return { status: 409, error: "webhook-id already received" };
  return null;
}

/** Remembers an accepted webhook-id, for a path that rejects replays. */
export function rememberAccepted(state: ModeState, webhookId: string | null): void {
  if (!state.checks?.rejectReplays || !webhookId) return;
  state.accepted ??= new Set();
  state.accepted.add(webhookId);
  if (state.accepted.size > MAX_ACCEPTED_IDS) state.accepted.delete(state.accepted.values().next().value!);
}

export type Decision = { kind: "answer"; status: number; delayMs: number; headers?: Record<string, string> } | { kind: "hang" };

/** Where a flaky mode is in its cycle at `now`: answering 200 or failing, and until when. */
export function flakyPhase(mode: Extract<ReceiverMode, { kind: "flaky" }>, since: number, now: number): { down: boolean; until: number } {
  const cycle = mode.upMs + mode.downMs;
  const into = (((now - since) % cycle) + cycle) % cycle;
  const cycleStart = now - into;
  return into < mode.upMs ? { down: false, until: cycleStart + mode.upMs } : { down: true, until: cycleStart + cycle };
}

/** What the path answers right now, for the control API's listing (GET /__receiver/modes). */
export function describeAnswer(state: ModeState, now = Date.now()): { status: number | null; until?: string; delayMs?: number } {
  const { mode } = state;
  switch (mode.kind) {
    case "ok":
      return { status: 200 };
    case "status":
      return { status: mode.status };
    case "timeout":
      return { status: null };
    case "slow":
      return { status: 200, delayMs: mode.ms };
    case "fail-times":
      return { status: state.served < mode.times ? (mode.status ?? 500) : 200 };
    case "flaky": {
      const phase = flakyPhase(mode, state.since ?? now, now);
      return { status: phase.down ? (mode.status ?? 503) : 200, until: new Date(phase.until).toISOString() };
    }
    case "rate-limit": {
      const full = state.window !== undefined && now - state.window.start < 1000 && state.window.allowed >= mode.perSecond;
      return { status: full ? (mode.status ?? 429) : 200, ...(full ? { until: new Date(state.window!.start + 1000).toISOString() } : {}) };
    }
  }
}

/** rate-limit: lets the request through (counting it in this second's window) or refuses it. */
function rateLimited(mode: Extract<ReceiverMode, { kind: "rate-limit" }>, state: ModeState, now: number): Decision {
  const since = state.since ?? now;
  const start = since + Math.floor((now - since) / 1000) * 1000;
  if (!state.window || state.window.start !== start) state.window = { start, allowed: 0 };
  if (state.window.allowed < mode.perSecond) {
    state.window.allowed++;
    return { kind: "answer", status: 200, delayMs: 0 };
  }
  return { kind: "answer", status: mode.status ?? 429, delayMs: 0, headers: { "retry-after": String(mode.retryAfterS ?? 1) } };
}

/** Decides the answer for one request and advances the state's counter. */
export function decide(state: ModeState, now = Date.now()): Decision {
  const { mode } = state;
  state.served += 1;
  switch (mode.kind) {
    case "ok":
      return { kind: "answer", status: 200, delayMs: 0 };
    case "status":
      return { kind: "answer", status: mode.status, delayMs: 0 };
    case "timeout":
      return { kind: "hang" };
    case "slow":
      return { kind: "answer", status: 200, delayMs: mode.ms };
    case "fail-times":
      return { kind: "answer", status: state.served <= mode.times ? (mode.status ?? 500) : 200, delayMs: 0 };
    case "flaky":
      return { kind: "answer", status: flakyPhase(mode, state.since ?? now, now).down ? (mode.status ?? 503) : 200, delayMs: 0 };
    case "rate-limit":
      return rateLimited(mode, state, now);
  }
}

/** `fast`, `/fast` and `/fast/` all name the same path. */
export function normalizePath(path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  return trimmed.startsWith("/") ? trimmed || "/" : `/${trimmed}`;
}
