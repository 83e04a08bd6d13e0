// lib/orders owns orders and their events: the machine API's ingest, create/change status, the one-statement write, reads.
import "server-only";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { authenticateIngestKey } from "@/lib/api-keys/authenticate";
import { runIdempotent } from "@/lib/api-keys/idempotency";
import { sql, sqlTransaction } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";
import { AdmissionGate, type AdmissionTicket } from "@/lib/http/admission";
import { API_BODY_LIMITS, readJsonBody } from "@/lib/http/body";
import { NOT_COMPRESSED } from "@/lib/http/route";
import { logger } from "@/lib/logger";
import { parseCreateOrderBody, parseIngestEventBody } from "@/lib/events/input";
import { createOrder, PARTNER_OF_KEY, type PartnerRow } from "@/lib/orders/create-order";
import { changeOrderStatus } from "@/lib/orders/change-status";
import { announce } from "@/lib/jobs/announce";

/** The answer: its status and the exact JSON text (a repeat gets the first answer's bytes). */
export type IngestResult = { status: number; text: string; replayed: boolean };

type Target = { kind: "create" } | { kind: "event"; orderId: string };

/**
 * The machine API's one entry: admit (load shedding), authenticate, rate-limit, read the body
 * (bounded), validate, write once, wake the engine. The cheap refusals come first: an overloaded
 * server, an anonymous or an over-limit request is answered before a byte of its body is read.
 */
export async function ingest(request: Request, target: Target): Promise<IngestResult> {
  const ticket = admit();
  try {
    return await ingestAdmitted(request, target, ticket);
  } finally {
    ticket.done();
  }
}

async function ingestAdmitted(request: Request, target: Target, ticket: AdmissionTicket): Promise<IngestResult> {
  // The key, its rate limit and (for a new order) the key's partner in one round trip (issue 15's
  // profile: round trips to Postgres are the largest cost of an ingest request in our code).
  const principal = await authenticateIngestKey<PartnerRow>(request, "requests for this API key", target.kind === "create" ? PARTNER_OF_KEY : undefined);
  ticket.pause(); // waiting on the sender is not queueing here
  const rawBody = await readJsonBody(request, API_BODY_LIMITS);
  ticket.resume();
  const parsed = target.kind === "create" ? parseCreateOrderBody(rawBody) : parseIngestEventBody(rawBody);
  if (!parsed.ok) throw new AppError("validation_failed", parsed.message, { issues: parsed.issues.map((i) => ({ path: i.path.join("."), message: i.message })) });

  const path = new URL(request.url).pathname;
  const scope = { partnerId: principal.partnerId };
  const { response, replayed, extra } = await runIdempotent(
    { apiKeyId: principal.apiKeyId, key: request.headers.get("idempotency-key"), fingerprint: `${request.method} ${path} ${JSON.stringify(rawBody)}` },
    async (idempotency) => {
      // Creating is one statement; a status change locks its order first, so it runs in a transaction.
      const result =
        target.kind === "create"
          ? await createOrder(sql(), scope, parsed.data as Parameters<typeof createOrder>[2], { idempotency, partner: principal.also })
          : await sqlTransaction((tx) => changeOrderStatus(tx, scope, target.orderId, parsed.data as Parameters<typeof changeOrderStatus>[3], { idempotency }));
      return { status: 201, text: result.text, extra: { deliveries: result.deliveries, smsId: result.smsId } };
    },
  );
  if (extra?.deliveries.length) await announce("delivery", extra.deliveries.map((d) => ({ id: d.id, group: d.endpointId })));
  // The event's SMS (if any) was queued in the same transaction: wake its engine / tell Inngest.
  if (extra?.smsId) await announce("sms", [{ id: extra.smsId }]);
  return { status: response.status, text: response.text, replayed };
}

// One gate per process (globalThis: a dev server's reloads keep it), with the process's event-loop
// lag (node:perf_hooks, sampled every 10 ms) for telling a queue we can shorten from a busy loop.
const globalForGate = globalThis as unknown as { waypointIngestGate?: AdmissionGate; waypointIngestShedLoggedAt?: number };

function loopLagSampler(): () => number {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  return () => {
    const lagMs = histogram.count > 0 ? histogram.percentile(50) / 1e6 : 0;
    histogram.reset();
    return lagMs;
  };
}

/** Admits the request, or refuses it at once with 503 + Retry-After (lib/http/admission.ts). */
function admit(): AdmissionTicket {
  const gate = (globalForGate.waypointIngestGate ??= new AdmissionGate(env.INGEST_MAX_IN_FLIGHT, Date.now, loopLagSampler()));
  const ticket = gate.admit();
  if (ticket) return ticket;
  const { inFlight, cap, refused } = gate.state;
  // At most a line every 10 s however many are refused: the log must not add to the overload.
  if (Date.now() - (globalForGate.waypointIngestShedLoggedAt ?? 0) > 10_000) {
    globalForGate.waypointIngestShedLoggedAt = Date.now();
    logger.warn({ inFlight, cap, refusedSinceStart: refused }, "ingest overloaded: refusing requests with 503 until the queue is gone");
  }
  throw new AppError(
    "overloaded",
    "Waypoint is receiving more order updates than it can record right now, so this one was not recorded. Retry in 1 s; with the same Idempotency-Key a retry can never record it twice.",
    { retryAfterSeconds: 1 },
  );
}

/**
 * The HTTP answer: the text as stored, never re-encoded, so a replay is byte-identical. Sent as is
 * even to a client that accepts gzip (most OMS HTTP clients do: Go, Python requests, axios, fetch):
 * `next start` would otherwise gzip every answer of under a kilobyte, saving ~300 bytes for ~0.17 ms
 * of the web process's CPU per request (bench:http, docs/performance.md).
 */
export function ingestResponse(result: IngestResult): Response {
  const headers: Record<string, string> = { "content-type": "application/json", "cache-control": NOT_COMPRESSED };
  if (result.replayed) headers["idempotent-replayed"] = "true";
  return new Response(result.text, { status: result.status, headers });
}
