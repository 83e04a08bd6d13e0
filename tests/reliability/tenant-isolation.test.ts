import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/types";
import { issueApiKey } from "@/lib/api-keys/issue-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { db } from "@/lib/db/client";
import { retryDelivery, retryFailedDeliveries } from "@/lib/delivery/retry";
import { runEndpointCheck } from "@/lib/endpoints/check-endpoint";
import { endpointUrlProblem } from "@/lib/endpoints/check-url";
import { createEndpoint as createEndpointForPartner } from "@/lib/endpoints/create-endpoint";
import { deleteEndpoint } from "@/lib/endpoints/delete-endpoint";
import { reenableEndpoint } from "@/lib/endpoints/reenable-endpoint";
import { revealEndpointSecret } from "@/lib/endpoints/reveal-secret";
import { rotateSecretForEndpoint } from "@/lib/endpoints/rotate-secret";
import { sendTestEvent } from "@/lib/endpoints/send-test-event";
import { updateEndpoint } from "@/lib/endpoints/update-endpoint";
import { AppError } from "@/lib/errors";
import { parseEventLogFilter } from "@/lib/event-log/filter";
import { listEventLog } from "@/lib/event-log/list-events";
import { createListenSession } from "@/lib/listen/sessions";
import { removePartnerLogo as removeLogoForPartner, savePartnerLogo } from "@/lib/partners/partner-logo";
import { updateRetryPolicy } from "@/lib/partners/update-retry-policy";
import { startReceiver, type Receiver } from "@/lib/receiver/server";
import { retrySms } from "@/lib/sms/retry-sms";
import { saveSmsTemplate } from "@/lib/sms/save-sms-template";
import { createInvite, resendInvite, revokeInvite } from "@/lib/team/invites";
import { acknowledgeIncident } from "@/lib/alerts/incidents";
import { updateAlertSettings } from "@/lib/alerts/settings";
import { enableDeveloperScreens } from "@/lib/partners/change-tier";
import { createSupportBundle } from "@/lib/support-bundle/bundles";
import { changeMemberRole, removeMember } from "@/lib/team/members";
import { updateLayer1Settings } from "@/lib/tracking/update-settings";
import { callRoute } from "../support/api";
import { TINY_PNG } from "../support/images";
import { parseIntakeFilter, replayFailedIntakes, replayIntake } from "@/lib/intake/intake-log";
import { createOrderSource, deleteOrderSource, rotateOrderSourceSecret, setIntakeCountry, updateOrderSource } from "@/lib/intake/sources";
import { genericHeaders, shopifyHeaders } from "../support/intake";
import { buildTenant, createSupportUser, forbiddenStrings, ingestTableCounts, snapshotTenant, type Tenant } from "../support/isolation-world";

// Tenant isolation matrix: partner A calls every partner API route and every dashboard server
// action on partner B's ids. Each answer must be a 403/404 that is byte for byte the answer for
// an id that does not exist (so it does not even reveal that B's id exists) and must contain
// none of B's ids, names, URLs, refs, tokens, keys or secrets; lists must show A's rows only;
// and at the end every row of B must be exactly as it was. New route files and new server
// actions fail the test until they are added to the matrix below, so it cannot drift.
//
// Server actions are checked three ways: statically (each one authorises before anything else
// and takes the partner from the scope), through the lib function each delegates to (called
// with A's partner id and B's resource id), and for real: the actions themselves, invoked with
// next-auth's `auth()` and next/headers' cookies standing in for a signed-in A user (or support
// staff acting as A). Routes run with A's partner API key and with those same sessions.

// --- Session stand-in: who "is signed in" for requirePartnerScope() ---------------------------
const session = vi.hoisted(() => ({ user: null as SessionUser | null, partnerCookie: undefined as string | undefined, cookieWrites: [] as string[] }));
vi.mock("@/lib/auth/config", () => ({
  auth: async () => (session.user ? { user: session.user } : null),
  signIn: async () => undefined,
  signOut: async () => undefined,
  unstable_update: async () => undefined,
  handlers: {},
}));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (name === "wp_partner" && session.partnerCookie ? { name, value: session.partnerCookie } : undefined),
    set: (name: string, value: string) => void session.cookieWrites.push(`${name}=${value}`),
  }),
  headers: async () => new Headers(),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

type Principal = { name: string; key?: string; user?: SessionUser; partnerCookie?: string };

async function as<T>(p: Principal, fn: () => Promise<T>): Promise<T> {
  session.user = p.user ?? null;
  session.partnerCookie = p.partnerCookie;
  try {
    return await fn();
  } finally {
    session.user = null;
    session.partnerCookie = undefined;
  }
}

// --- The world: A calls, B is the victim ----------------------------------------------------
const ROOT = path.resolve(import.meta.dirname, "../..");
let receiver: Receiver;
let a: Tenant;
let b: Tenant;
let support: SessionUser;
let bForbidden: Map<string, string>;
let bBefore: Awaited<ReturnType<typeof snapshotTenant>>;
let bRequestsBefore = 0;
const bRequests = () => receiver.received.filter((r) => b.paths.some((p) => r.path.startsWith(p))).length;

const counts = { routes: 0, actions: 0 };
const listen = { a: [] as { id: string; secret: string }[], b: [] as { id: string; secret: string }[] };
let listenBBefore: unknown[] = [];
const leaks: string[] = []; // every isolation failure, whichever phase found it
const vacuous: string[] = []; // a positive control failed: the matching checks proved nothing

beforeAll(async () => {
  receiver = await startReceiver();
  a = await buildTenant("alpha", receiver);
  b = await buildTenant("bravo", receiver);
  support = await createSupportUser(a.tag);
  bForbidden = forbiddenStrings(b);
  // `waypoint listen` sessions: B's are victims (their ids and secrets must never show); A's stream replays A's last minutes.
  for (const t of [a, b]) {
    for (let i = 0; i < 2; i++) {
      const { session, secret } = await createListenSession(t.partnerId, { forwardTo: `http://localhost:4999/${t.tag}-${i}`, eventTypes: [], format: "json", schemaVersion: "v2", apiKeyId: null });
      await db.listenSession.update({ where: { id: session.id }, data: { createdAt: new Date(Date.now() - 10 * 60_000) } });
      listen[t === a ? "a" : "b"].push({ id: session.id, secret });
      if (t === b) {
        bForbidden.set(session.id, "listen session id");
        bForbidden.set(secret, "listen session secret");
        bForbidden.set(`http://localhost:4999/${t.tag}-${i}`, "listen forward URL");
      }
    }
  }
  listenBBefore = await db.listenSession.findMany({ where: { partnerId: b.partnerId }, orderBy: { id: "asc" } });
  bBefore = await snapshotTenant(b);
  bRequestsBefore = bRequests();
  expect(b.deliveries.map((d) => d.status).sort()).toEqual(["dead_lettered", "delivered", "pending", "pending", "pending", "retrying"]);
});

afterAll(async () => {
  console.log(`isolation: ${counts.routes} route×method checks, ${counts.actions} action checks, ${leaks.length} leaks`);
  await db.partner.deleteMany({ where: { id: { in: [a?.partnerId, b?.partnerId].filter((x): x is string => !!x) } } });
  if (support) await db.user.deleteMany({ where: { id: support.id } });
  await receiver?.close();
});

// --- Judging answers ----------------------------------------------------------------------------
/** Same length and prefix, certainly not a row: B's id with its tail replaced. */
const fakeId = (id: string) => `${id.slice(0, -6)}zq9zq9`;
const replaceAll = (text: string, values: string[], by: string) => values.filter(Boolean).reduce((t, v) => t.split(v).join(by), text);
const clip = (text: string) => (text.length > 400 ? `${text.slice(0, 400)}…` : text);

/** Records every string of B found in `text` (after `allowed` echoes of the caller's own input are blanked). */
function scan(label: string, text: string, allowed: string[] = []) {
  const visible = replaceAll(text, allowed, "<caller-supplied>");
  for (const [value, what] of bForbidden) if (visible.includes(value)) leaks.push(`${label}: answer contains B's ${what} "${value}": ${clip(visible)}`);
}

type Answer = { status: number; json: unknown; text: string };

/** A denial: 403/404, identical to the answer for a nonexistent id, and nothing of B in it. */
function judgeDenied(label: string, got: Answer, fake: Answer, ids: string[], fakeIds: string[]) {
  if (got.status !== 403 && got.status !== 404) leaks.push(`${label}: status ${got.status}, expected 403/404: ${clip(got.text)}`);
  const norm = replaceAll(got.text, ids, "<id>");
  const normFake = replaceAll(fake.text, fakeIds, "<id>");
  if (got.status !== fake.status || norm !== normFake) {
    leaks.push(`${label}: answers differently than for a nonexistent id, so it reveals that B's id exists: ${got.status} ${clip(norm)} vs ${fake.status} ${clip(normFake)}`);
  }
  scan(label, norm);
}

// --- Route matrix -------------------------------------------------------------------------------
const API_DIR = path.join(ROOT, "app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];
type Handler = (req: Request, ctx: never) => Promise<Response>;
type Target = Record<string, string>;
type RouteCase = { file: string; method: Method; template: string; handler: Handler };

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith("_") ? [] : routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** app/api/v1/orders/[orderId]/events/route.ts → /api/v1/orders/{orderId}/events */
const urlTemplate = (file: string) =>
  "/" +
  path
    .relative(path.join(ROOT, "app"), path.dirname(file))
    .split(path.sep)
    .filter((s) => !/^\(.*\)$/.test(s))
    .map((s) => s.replace(/^\[(\w+)\]$/, "{$1}"))
    .join("/");

const exportedMethods = (source: string) => METHODS.filter((m) => new RegExp(`export\\s+(const|async\\s+function|function)\\s+${m}\\b`).test(source));

async function hit(rc: RouteCase, p: Principal, params: Target, opts: { body?: unknown; query?: string } = {}): Promise<Answer> {
  const url = rc.template.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(params[k] ?? "")) + (opts.query ?? "");
  return as(p, async () => {
    const res = await callRoute(rc.handler, { method: rc.method, path: url, key: p.key, body: opts.body, params });
    const headers = [...res.headers].map(([k, v]) => `${k}: ${v}`).join("\n");
    return { status: res.status, json: res.json, text: `${JSON.stringify(res.json)}\n${headers}` };
  });
}

const partnerPrincipals = (): Principal[] => [
  { name: "A's partner API key", key: a.partnerKey.key },
  { name: "A's admin (session)", user: a.admin },
  { name: "A's member (session)", user: a.member },
  { name: "support acting as A (session)", user: support, partnerCookie: a.partnerId },
];
const ingestPrincipal = (): Principal => ({ name: "A's ingest key (bound to A)", key: a.ingestKey.key });

/**
 * A route that takes an id: every principal × every one of B's ids of that kind × every body is
 * denied exactly like a nonexistent id; then the same call on A's own id (the control) succeeds,
 * which proves the body and query pass validation and the lookup itself was what said no.
 */
function byId(opts: {
  auth: "partner" | "ingest";
  targets: () => Target[];
  bodies?: () => unknown[];
  query?: string;
  control: () => { target: Target; status: number };
}) {
  return async (rc: RouteCase) => {
    const principals = opts.auth === "partner" ? partnerPrincipals() : [ingestPrincipal()];
    const bodies = opts.bodies?.() ?? [undefined];
    for (const p of principals) {
      for (const target of opts.targets()) {
        for (const body of bodies) {
          const label = `${rc.method} ${rc.template}${opts.query ?? ""} as ${p.name} on B's ${JSON.stringify(target)}${body === undefined ? "" : ` with ${JSON.stringify(body)}`}`;
          const before = await ingestTableCounts();
          const got = await hit(rc, p, target, { body, query: opts.query });
          const fake = Object.fromEntries(Object.entries(target).map(([k, v]) => [k, fakeId(v)]));
          const gotFake = await hit(rc, p, fake, { body, query: opts.query });
          judgeDenied(label, got, gotFake, Object.values(target), Object.values(fake));
          if (opts.auth === "ingest") {
            const after = await ingestTableCounts();
            if (!isDeepStrictEqual(before, after)) leaks.push(`${label}: wrote rows: ${JSON.stringify({ before, after })}`);
          }
          counts.routes++;
        }
      }
    }
    const control = opts.control();
    for (const body of bodies) {
      const res = await hit(rc, principals[0]!, control.target, { body, query: opts.query });
      if (res.status !== control.status) vacuous.push(`${rc.method} ${rc.template} control on A's own ${JSON.stringify(control.target)}: expected ${control.status}, got ${res.status} ${clip(res.text)}`);
    }
  };
}

/** A list: 200 for every principal and query, B's data nowhere, plus a route-specific check. */
function listing(opts: { queries: () => string[]; check: (json: unknown, query: string) => Promise<string | null> }) {
  return async (rc: RouteCase) => {
    for (const p of partnerPrincipals()) {
      for (const query of opts.queries()) {
        const label = `${rc.method} ${rc.template}${query} as ${p.name}`;
        const res = await hit(rc, p, {}, { query });
        counts.routes++;
        if (res.status !== 200) {
          vacuous.push(`${label}: expected 200, got ${res.status} ${clip(res.text)}`);
          continue;
        }
        scan(label, res.text);
        const problem = await opts.check(res.json, query);
        if (problem) leaks.push(`${label}: ${problem}`);
      }
    }
  };
}

const OUT_FOR_DELIVERY = { event: "out_for_delivery", rider: { name: "Iso Rider", phone: "+919876500001" }, otp: "4821", eta_window: { from: "2026-05-01T14:00:00+05:30", to: "2026-05-01T15:00:00+05:30" } };
const newCustomer = (ref: string) => ({ merchant_order_ref: ref, customer_id: "iso-c", customer_name: "Iso Customer", customer_phone: "+919800000001" });
const ids = <T extends { id: string }>(rows: T[]) => rows.map((r) => r.id);
const aEndpointIds = async () => ids(await db.endpoint.findMany({ where: { partnerId: a.partnerId }, select: { id: true } }));

/** A's stream for A's own session, read for a bounded time (it never ends by itself): status and every frame. */
async function readListenStream(rc: RouteCase, p: Principal, sessionId: string, lastEventId?: string) {
  return as(p, async () => {
    const headers: Record<string, string> = lastEventId ? { "last-event-id": lastEventId } : {};
    if (p.key) headers.authorization = `Bearer ${p.key}`;
    const controller = new AbortController();
    const res = await rc.handler(new Request(`http://localhost/api/v1/listen/sessions/${sessionId}/stream`, { headers, signal: controller.signal }), { params: Promise.resolve({ sessionId }) } as never);
    let text = "";
    if (res.body) {
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      const deadline = Date.now() + 3_000;
      // Until A's replay has come (all of A's events) or the time is up.
      while (Date.now() < deadline && !a.eventIds.every((id) => text.includes(`id: ${id}\n`))) {
        const next = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), 300))]);
        if (next === null) continue;
        if (next.done) break;
        text += decoder.decode(next.value, { stream: true });
      }
      controller.abort();
      await reader.cancel().catch(() => undefined);
    }
    return { status: res.status, text };
  });
}

const LISTEN_ROUTES: Record<string, (rc: RouteCase) => Promise<void>> = {
  "GET /api/v1/listen/sessions": listing({
    queries: () => [""],
    check: async (json) => {
      const listed = (json as { data: { session_id: string }[] }).data.map((s) => s.session_id).sort();
      const own = ids(await db.listenSession.findMany({ where: { partnerId: a.partnerId, endedAt: null }, select: { id: true } })).sort();
      return isDeepStrictEqual(listed, own) ? null : `lists ${JSON.stringify(listed)}, A has ${JSON.stringify(own)}`;
    },
  }),
  // Starting a session is A's own business: it belongs to A, and A's limit counts A's sessions only.
  "POST /api/v1/listen/sessions": async (rc) => {
    for (const p of partnerPrincipals()) {
      const label = `${rc.method} ${rc.template} as ${p.name}`;
      const res = await hit(rc, p, {}, { body: { forward_to: "http://localhost:4999/alpha-new" } });
      counts.routes++;
      if (res.status !== 201) {
        vacuous.push(`${label}: expected 201, got ${res.status} ${clip(res.text)}`);
        continue;
      }
      scan(label, res.text);
      const created = await db.listenSession.findUniqueOrThrow({ where: { id: (res.json as { session_id: string }).session_id } });
      if (created.partnerId !== a.partnerId) leaks.push(`${label}: created a listen session for partner ${created.partnerId}`);
      await db.listenSession.delete({ where: { id: created.id } });
    }
  },
  "GET /api/v1/listen/sessions/{sessionId}": byId({
    auth: "partner",
    targets: () => listen.b.map((s) => ({ sessionId: s.id })),
    control: () => ({ target: { sessionId: listen.a[0]!.id }, status: 200 }),
  }),
  "DELETE /api/v1/listen/sessions/{sessionId}": byId({
    auth: "partner",
    targets: () => listen.b.map((s) => ({ sessionId: s.id })),
    control: () => ({ target: { sessionId: listen.a[1]!.id }, status: 200 }), // A's second session is expendable
  }),
  "POST /api/v1/listen/sessions/{sessionId}/attempts": async (rc) => {
    const report = (eventId: string) => ({ attempts: [{ event_id: eventId, started_at: new Date().toISOString(), status_code: 200, latency_ms: 3 }] });
    // B's sessions: denied like a nonexistent session.
    await byId({
      auth: "partner",
      targets: () => listen.b.map((s) => ({ sessionId: s.id })),
      bodies: () => [report(a.eventIds[0]!)],
      control: () => ({ target: { sessionId: listen.a[0]!.id }, status: 200 }),
    })(rc);
    // A's own session reporting B's event: "not found" exactly like an event that does not exist, nothing written.
    for (const p of partnerPrincipals()) {
      for (const eventId of b.eventIds) {
        const label = `${rc.method} ${rc.template} as ${p.name} on A's session with B's event ${eventId}`;
        const got = await hit(rc, p, { sessionId: listen.a[0]!.id }, { body: report(eventId) });
        const fake = await hit(rc, p, { sessionId: listen.a[0]!.id }, { body: report(fakeId(eventId)) });
        judgeDenied(label, got, fake, [eventId], [fakeId(eventId)]);
        counts.routes++;
      }
    }
    const written = await db.listenAttempt.count({ where: { OR: [{ partnerId: b.partnerId }, { eventId: { in: b.eventIds } }, { sessionId: { in: listen.b.map((s) => s.id) } }] } });
    if (written > 0) leaks.push(`${rc.method} ${rc.template}: ${written} CLI attempts written on B's sessions or events`);
  },
  // The stream: B's session is denied like a nonexistent one; A's own stream replays A's events and none of B's, also when asked to resume after B's event.
  "GET /api/v1/listen/sessions/{sessionId}/stream": async (rc) => {
    for (const p of partnerPrincipals()) {
      for (const s of listen.b) {
        const label = `${rc.method} ${rc.template} as ${p.name} on B's session`;
        const got = await hit(rc, p, { sessionId: s.id });
        const fake = await hit(rc, p, { sessionId: fakeId(s.id) });
        judgeDenied(label, got, fake, [s.id], [fakeId(s.id)]);
        counts.routes++;
      }
      for (const lastEventId of [undefined, b.eventIds[0]!]) {
        const label = `${rc.method} ${rc.template} as ${p.name} on A's own session${lastEventId ? " with Last-Event-ID = B's event" : ""}`;
        const res = await readListenStream(rc, p, listen.a[0]!.id, lastEventId);
        counts.routes++;
        const sent = [...res.text.matchAll(/^id: (\S+)$/gm)].map((m) => m[1]!);
        if (res.status !== 200 || sent.length === 0) {
          vacuous.push(`${label}: expected 200 and A's events replayed, got ${res.status} with ${sent.length} events: ${clip(res.text)}`);
          continue;
        }
        scan(label, res.text, lastEventId ? [lastEventId] : []);
        const foreign = sent.filter((id) => !a.eventIds.includes(id));
        if (foreign.length) leaks.push(`${label}: streamed events that are not A's: ${JSON.stringify(foreign)}`);
      }
    }
  },
  "POST /api/v1/listen/trigger": async (rc) => {
    for (const p of partnerPrincipals()) {
      const label = `${rc.method} ${rc.template} as ${p.name}`;
      const res = await hit(rc, p, {}, { body: { event_type: "delivered" } });
      counts.routes++;
      if (res.status !== 202) {
        vacuous.push(`${label}: expected 202, got ${res.status} ${clip(res.text)}`);
        continue;
      }
      scan(label, res.text);
      const answer = res.json as { event_id: string; sessions: string[] };
      const own = ids(await db.listenSession.findMany({ where: { partnerId: a.partnerId }, select: { id: true } }));
      if (answer.sessions.some((id) => !own.includes(id))) leaks.push(`${label}: goes to sessions that are not A's: ${JSON.stringify(answer.sessions)}`);
      const row = await db.listenTestEvent.findUniqueOrThrow({ where: { id: answer.event_id } });
      if (row.partnerId !== a.partnerId) leaks.push(`${label}: test event stored for partner ${row.partnerId}`);
    }
    const bTests = await db.listenTestEvent.count({ where: { partnerId: b.partnerId } });
    if (bTests > 0) leaks.push(`${rc.method} ${rc.template}: ${bTests} test events for B`);
  },
};

/** Every exported method of every route file under app/api/v1, keyed "METHOD /path". */
const ROUTES: Record<string, (rc: RouteCase) => Promise<void>> = {
  ...LISTEN_ROUTES,
  "POST /api/v1/deliveries/{deliveryId}/retry": byId({
    auth: "partner",
    targets: () => b.deliveries.map((d) => ({ deliveryId: d.id })), // delivered, dead-lettered, retrying, pending
    bodies: () => [{}],
    control: () => ({ target: { deliveryId: a.deliveries[0]!.id }, status: 200 }),
  }),
  "POST /api/v1/deliveries/retry": async (rc) => {
    for (const p of partnerPrincipals().filter((x) => x.user?.role !== "partner_member")) {
      for (const body of [{}, { status: "dead_lettered" }, { status: "retrying" }, { range: "7d" }, { type: "order_confirmed" }]) {
        const label = `${rc.method} ${rc.template} ${JSON.stringify(body)} as ${p.name}`;
        const expected = (await listEventLog(a.partnerId, parseEventLogFilter(body).filter)).failedDeliveryIds;
        const res = await hit(rc, p, {}, { body });
        counts.routes++;
        if (res.status !== 202) vacuous.push(`${label}: expected 202, got ${res.status} ${clip(res.text)}`);
        scan(label, res.text);
        const queued = (res.json as { queued?: number }).queued;
        if (queued !== expected.length) leaks.push(`${label}: queued ${queued}, but A has ${expected.length} failed deliveries (B has ${bBefore.deliveries.filter((d) => d.status === "dead_lettered" || d.status === "retrying").length})`);
      }
    }
  },
  "GET /api/v1/endpoints/{endpointId}": byId({
    auth: "partner",
    targets: () => b.endpointIds.map((endpointId) => ({ endpointId })),
    control: () => ({ target: { endpointId: a.endpointIds[0]! }, status: 200 }),
  }),
  "PATCH /api/v1/endpoints/{endpointId}": byId({
    auth: "partner",
    targets: () => b.endpointIds.map((endpointId) => ({ endpointId })),
    // Disable, edit, re-enable: the control leaves A's endpoint as it was.
    bodies: () => [{ enabled: false, disabled_reason: "x" }, { description: "x" }, { url: `${receiver.url}/alpha-patched`, event_types: ["delivered"] }, { enabled: true }],
    control: () => ({ target: { endpointId: a.endpointIds[0]! }, status: 200 }),
  }),
  "DELETE /api/v1/endpoints/{endpointId}": byId({
    auth: "partner",
    targets: () => b.endpointIds.map((endpointId) => ({ endpointId })),
    control: () => ({ target: { endpointId: a.endpointIds[1]! }, status: 200 }), // A's second endpoint is expendable
  }),
  "GET /api/v1/endpoints/{endpointId}/test": byId({
    auth: "partner",
    targets: () => b.endpointIds.map((endpointId) => ({ endpointId })),
    query: "?event_type=delivered",
    control: () => ({ target: { endpointId: a.endpointIds[0]! }, status: 200 }),
  }),
  "POST /api/v1/endpoints/{endpointId}/test": byId({
    auth: "partner",
    targets: () => b.endpointIds.map((endpointId) => ({ endpointId })),
    bodies: () => [{ event_type: "delivered" }],
    control: () => ({ target: { endpointId: a.endpointIds[0]! }, status: 200 }),
  }),
  "POST /api/v1/endpoints/{endpointId}/check": byId({
    auth: "partner",
    targets: () => b.endpointIds.map((endpointId) => ({ endpointId })),
    control: () => ({ target: { endpointId: a.endpointIds[0]! }, status: 200 }),
  }),
  "POST /api/v1/endpoints/{endpointId}/rotate-secret": byId({
    auth: "partner",
    targets: () => b.endpointIds.map((endpointId) => ({ endpointId })),
    control: () => ({ target: { endpointId: a.endpointIds[0]! }, status: 200 }),
  }),
  "GET /api/v1/endpoints": listing({
    queries: () => [""],
    check: async (json) => {
      const listed = ids((json as { data: { id: string }[] }).data);
      const own = await aEndpointIds();
      return isDeepStrictEqual([...listed].sort(), [...own].sort()) ? null : `lists ${JSON.stringify(listed)}, A has ${JSON.stringify(own)}`;
    },
  }),
  // Registering B's own URL is allowed (URLs are not unique) and must not say anything about B.
  "POST /api/v1/endpoints": async (rc) => {
    for (const p of partnerPrincipals().filter((x) => x.user?.role !== "partner_member")) {
      const url = b.endpoints[0]!.url;
      const label = `${rc.method} ${rc.template} (B's URL) as ${p.name}`;
      const res = await hit(rc, p, {}, { body: { url, event_types: ["delivered"], description: "alpha copy of a URL" } });
      counts.routes++;
      if (res.status !== 201) {
        vacuous.push(`${label}: expected 201, got ${res.status} ${clip(res.text)}`);
        continue;
      }
      scan(label, res.text, [url]);
      const created = await db.endpoint.findUniqueOrThrow({ where: { id: (res.json as { id: string }).id } });
      if (created.partnerId !== a.partnerId) leaks.push(`${label}: created an endpoint for partner ${created.partnerId}`);
      await db.endpoint.delete({ where: { id: created.id } });
    }
  },
  "GET /api/v1/events/{eventId}": byId({
    auth: "partner",
    targets: () => b.eventIds.map((eventId) => ({ eventId })),
    control: () => ({ target: { eventId: a.eventIds[0]! }, status: 200 }),
  }),
  "GET /api/v1/events": listing({
    queries: () => ["", "?range=7d", "?status=dead_lettered", "?status=retrying", "?status=delivered", "?type=order_confirmed", "?type=out_for_delivery", "?limit=500"],
    check: async (json, query) => {
      const listed = (json as { events: { event_id: string }[] }).events.map((e) => e.event_id);
      const own = ids(await db.orderEvent.findMany({ where: { id: { in: listed }, partnerId: a.partnerId }, select: { id: true } }));
      if (own.length !== listed.length) return `lists events that are not A's: ${JSON.stringify(listed.filter((id) => !own.includes(id)))}`;
      if (query === "" && listed.length === 0) return "lists nothing, so the check proves nothing";
      return null;
    },
  }),
  "GET /api/v1/health": listing({
    queries: () => ["", "?range=7d"],
    check: async (json) => {
      const report = json as { from: string; to: string; overall: { attempts: number; dead_lettered: number }; endpoints: { endpoint_id: string }[] };
      const own = await aEndpointIds();
      const listed = report.endpoints.map((e) => e.endpoint_id);
      if (!isDeepStrictEqual([...listed].sort(), [...own].sort())) return `reports endpoints ${JSON.stringify(listed)}, A has ${JSON.stringify(own)}`;
      const window = { gte: new Date(report.from), lte: new Date(report.to) };
      const attempts = await db.deliveryAttempt.count({ where: { endpointId: { in: own }, trigger: { not: "test" }, startedAt: window } });
      const dead = await db.delivery.count({ where: { partnerId: a.partnerId, status: "dead_lettered", deadLetteredAt: window } });
      if (report.overall.attempts !== attempts || report.overall.dead_lettered !== dead) {
        return `overall counts ${report.overall.attempts} attempts / ${report.overall.dead_lettered} dead-lettered, A has ${attempts} / ${dead}`;
      }
      return null;
    },
  }),
  "GET /api/v1/openapi.json": async (rc) => {
    const res = await hit(rc, { name: "anyone" }, {});
    counts.routes++;
    if (res.status !== 200) vacuous.push(`${rc.template}: ${res.status}`);
    scan(`${rc.method} ${rc.template}`, res.text);
  },
  // A public document, like the OpenAPI one: no partner data at all.
  "GET /api/v1/schemas/event-v2.json": async (rc) => {
    const res = await hit(rc, { name: "anyone" }, {});
    counts.routes++;
    if (res.status !== 200) vacuous.push(`${rc.template}: ${res.status}`);
    scan(`${rc.method} ${rc.template}`, res.text);
  },
  // The channel-facing intake URL has no API key: the unguessable source id in the URL names the
  // source, and the channel's signature with that source's secret authenticates the request. So
  // the checks are: A's secret (and no signature) on B's URL is 401 for each of B's sources and
  // writes nothing of B but the refused request in B's own intake log (B should see it; the
  // snapshot compares B's other intake rows); the answer names nothing of B; a payload A signs
  // for A's own source creates the order for A, whatever it claims (the control).
  "POST /api/v1/intake/{sourceId}": async (rc) => {
    const aSource = a.sources[0]!;
    const ref = `ISO-INTAKE-${a.tag}`;
    const payload = JSON.stringify({ order_id: ref, partner_id: b.partnerId, customer: { id: "iso-c", name: "Iso Intake", phone: "+919800000003" } });
    for (const target of b.sources) {
      for (const headers of [genericHeaders(aSource.secret, payload), shopifyHeaders(aSource.secret, payload), { "content-type": "application/json" }]) {
        const label = `${rc.method} ${rc.template} on B's ${target.type} source with ${headers["webhook-signature" as keyof typeof headers] ? "A's Standard Webhooks signature" : headers["x-shopify-hmac-sha256" as keyof typeof headers] ? "A's secret as a Shopify HMAC" : "no signature"}`;
        const before = await ingestTableCounts();
        const res = await callRoute(rc.handler, { method: "POST", path: `/api/v1/intake/${target.id}`, raw: payload, headers, params: { sourceId: target.id } });
        counts.routes++;
        if (res.status !== 401) leaks.push(`${label}: status ${res.status}, expected 401: ${clip(JSON.stringify(res.json))}`);
        scan(label, JSON.stringify(res.json).split(target.id).join("<url-id>"));
        if (!isDeepStrictEqual(before, await ingestTableCounts())) leaks.push(`${label}: wrote rows`);
      }
    }
    const res = await callRoute(rc.handler, { method: "POST", path: `/api/v1/intake/${aSource.id}`, raw: payload, headers: genericHeaders(aSource.secret, payload), params: { sourceId: aSource.id } });
    counts.routes++;
    if (res.status !== 201) vacuous.push(`${rc.method} ${rc.template} control on A's own source: expected 201, got ${res.status} ${clip(JSON.stringify(res.json))}`);
    else {
      scan(`${rc.method} ${rc.template} control`, JSON.stringify(res.json), [b.partnerId]);
      const order = await db.order.findUniqueOrThrow({ where: { id: (res.json as { order_id: string }).order_id } });
      if (order.partnerId !== a.partnerId) leaks.push(`${rc.method} ${rc.template}: A's source created an order for ${order.partnerId}`);
      // Its order_confirmed event is A's from now on (the listen stream's check knows A's events by id).
      a.eventIds.push(...(await db.orderEvent.findMany({ where: { orderId: order.id }, select: { id: true } })).map((e) => e.id));
    }
  },
  "GET /api/v1/intake-log": listing({
    queries: () => ["", "?range=30d", "?outcome=rejected", "?outcome=unauthorized", `?source=${b.sourceIds[0]}`, `?q=${b.intakeRef}`, `?q=${b.intakeIds[0]}`],
    check: async (json, query) => {
      const page = json as { failures: { source_id: string }[]; entries: { id: string; source_id: string }[] };
      const own = await db.intakeLog.count({ where: { id: { in: page.entries.map((e) => e.id) }, partnerId: a.partnerId } });
      if (own !== page.entries.length) return "lists intake entries that are not A's";
      if (page.failures.some((f) => !a.sourceIds.includes(f.source_id))) return "groups failures of sources that are not A's";
      if ((query.includes(b.sourceIds[0]!) || query.includes(b.intakeRef) || query.includes(b.intakeIds[0]!)) && page.entries.length > 0) return "a search for B's source or intake found entries";
      if (query === "" && !page.entries.some((e) => a.intakeIds.includes(e.id))) return "does not list A's own intake, so the check proves nothing";
      return null;
    },
  }),
  "GET /api/v1/intake-log/{intakeId}": byId({
    auth: "partner",
    targets: () => b.intakeIds.map((intakeId) => ({ intakeId })),
    control: () => ({ target: { intakeId: a.intakeIds[0]! }, status: 200 }),
  }),
  "POST /api/v1/intake-log/{intakeId}/replay": byId({
    auth: "partner",
    targets: () => b.intakeIds.map((intakeId) => ({ intakeId })),
    control: () => ({ target: { intakeId: a.intakeIds[0]! }, status: 200 }), // still rejected: A's mapping is unchanged
  }),
  "POST /api/v1/intake-log/replay": async (rc) => {
    for (const p of partnerPrincipals()) {
      for (const body of [{}, { source: b.sourceIds[0] }, { q: b.intakeRef }, { range: "30d" }]) {
        const label = `${rc.method} ${rc.template} ${JSON.stringify(body)} as ${p.name}`;
        const res = await hit(rc, p, {}, { body });
        counts.routes++;
        if (res.status !== 200) vacuous.push(`${label}: expected 200, got ${res.status} ${clip(res.text)}`);
        scan(label, res.text, [b.sourceIds[0]!, b.intakeRef]);
        const replayed = (res.json as { replayed?: number }).replayed;
        if (JSON.stringify(body).includes("src_") || JSON.stringify(body).includes("INTAKE")) {
          if (replayed !== 0) leaks.push(`${label}: replayed ${replayed} intakes of B's source`);
        } else if (replayed !== 1) vacuous.push(`${label}: replayed ${replayed}, A has 1 open rejected intake`);
      }
    }
  },
  "GET /api/v1/order-sources": listing({
    queries: () => [""],
    check: async (json) => {
      const listed = ids((json as { data: { id: string }[] }).data);
      const own = ids(await db.orderSource.findMany({ where: { partnerId: a.partnerId }, select: { id: true } }));
      return isDeepStrictEqual([...listed].sort(), [...own].sort()) ? null : `lists ${JSON.stringify(listed)}, A has ${JSON.stringify(own)}`;
    },
  }),
  "POST /api/v1/order-sources": async (rc) => {
    for (const p of partnerPrincipals().filter((x) => x.user?.role !== "partner_member")) {
      const label = `${rc.method} ${rc.template} (B's source name) as ${p.name}`;
      const res = await hit(rc, p, {}, { body: { type: "generic", name: b.sources[0]!.name } });
      counts.routes++;
      if (res.status !== 201) {
        vacuous.push(`${label}: expected 201, got ${res.status} ${clip(res.text)}`);
        continue;
      }
      scan(label, res.text, [b.sources[0]!.name]);
      const created = await db.orderSource.findUniqueOrThrow({ where: { id: (res.json as { id: string }).id } });
      if (created.partnerId !== a.partnerId) leaks.push(`${label}: created a source for partner ${created.partnerId}`);
      await db.orderSource.delete({ where: { id: created.id } });
    }
  },
  "GET /api/v1/order-sources/{sourceId}": byId({
    auth: "partner",
    targets: () => b.sourceIds.map((sourceId) => ({ sourceId })),
    control: () => ({ target: { sourceId: a.sourceIds[0]! }, status: 200 }),
  }),
  "PATCH /api/v1/order-sources/{sourceId}": byId({
    auth: "partner",
    targets: () => b.sourceIds.map((sourceId) => ({ sourceId })),
    // Pause, rename, resume: the control leaves A's source enabled.
    bodies: () => [{ enabled: false }, { name: "x", validation: "lenient" }, { enabled: true, validation: "strict" }],
    control: () => ({ target: { sourceId: a.sourceIds[0]! }, status: 200 }),
  }),
  "DELETE /api/v1/order-sources/{sourceId}": byId({
    auth: "partner",
    targets: () => b.sourceIds.map((sourceId) => ({ sourceId })),
    control: () => ({ target: { sourceId: a.sourceIds[1]! }, status: 200 }), // A's Shopify source is expendable
  }),
  "POST /api/v1/order-sources/{sourceId}/rotate-secret": byId({
    auth: "partner",
    targets: () => b.sourceIds.map((sourceId) => ({ sourceId })),
    control: () => ({ target: { sourceId: a.sourceIds[0]! }, status: 200 }),
  }),
  // Issue 16: a support bundle is the partner's own snapshot; support opens it in the console only.
  "GET /api/v1/support-bundles/{bundleId}": byId({
    auth: "partner",
    targets: () => [{ bundleId: b.bundleId }],
    control: () => ({ target: { bundleId: a.bundleId }, status: 200 }),
  }),
  "GET /api/v1/orders/{orderId}": byId({
    auth: "partner",
    targets: () => b.orders.map((o) => ({ orderId: o.id })),
    control: () => ({ target: { orderId: a.orders[0]!.id }, status: 200 }),
  }),
  "POST /api/v1/orders/{orderId}/events": byId({
    auth: "ingest",
    targets: () => b.orders.map((o) => ({ orderId: o.id })),
    bodies: () => [OUT_FOR_DELIVERY],
    control: () => ({ target: { orderId: a.orders[0]!.id }, status: 201 }),
  }),
  "POST /api/v1/orders": async (rc) => {
    const p = ingestPrincipal();
    // A key bound to A naming B as the partner: refused exactly as for a partner that does not exist.
    const body = (partnerId: string) => ({ partner_id: partnerId, ...newCustomer(`ISO-${a.tag}-x`) });
    const label = `${rc.method} ${rc.template} as ${p.name} with partner_id = B`;
    const before = await ingestTableCounts();
    const got = await hit(rc, p, {}, { body: body(b.partnerId) });
    const gotFake = await hit(rc, p, {}, { body: body(fakeId(b.partnerId)) });
    judgeDenied(label, got, gotFake, [b.partnerId], [fakeId(b.partnerId)]);
    if (!isDeepStrictEqual(before, await ingestTableCounts())) leaks.push(`${label}: wrote rows`);
    counts.routes++;
    // B's merchant ref is free for A (unique per partner): a 409 would reveal that B uses it.
    const ref = b.orders[0]!.ref;
    const mine = await hit(rc, p, {}, { body: newCustomer(ref) });
    counts.routes++;
    if (mine.status !== 201) leaks.push(`${rc.method} ${rc.template} as ${p.name} with B's merchant ref: ${mine.status} ${clip(mine.text)}`);
    else {
      scan(`${rc.method} ${rc.template} with B's merchant ref`, mine.text, [ref]);
      const order = await db.order.findUniqueOrThrow({ where: { id: (mine.json as { order_id: string }).order_id } });
      if (order.partnerId !== a.partnerId) leaks.push(`${rc.method} ${rc.template}: A's key created an order for ${order.partnerId}`);
    }
  },
  "GET /api/v1/orders": listing({
    queries: () => {
      const o = b.orders[0]!;
      return ["", "?status=confirmed", "?status=out_for_delivery", "?limit=100", `?q=${encodeURIComponent(o.ref)}`, `?q=${encodeURIComponent(o.customerName)}`, `?q=${o.trackingToken}`, `?q=${o.customerPhone.slice(-5)}`];
    },
    check: async (json, query) => {
      const listed = (json as { orders: { order_id: string }[] }).orders.map((o) => o.order_id);
      const own = await db.order.count({ where: { id: { in: listed }, partnerId: a.partnerId } });
      if (own !== listed.length) return `lists orders that are not A's`;
      if (query.startsWith("?q=") && listed.length > 0) return `a search for B's data found ${JSON.stringify(listed)}`;
      if (query === "" && !listed.includes(a.orders[0]!.id)) return "does not list A's own order, so the check proves nothing";
      return null;
    },
  }),
};

// --- Server action matrix -------------------------------------------------------------------------
type Outcome = { ok: true; value: unknown } | { ok: false; code: string; message: string };
type ActionFn = (...args: never[]) => Promise<unknown>;

async function outcome(fn: () => Promise<unknown>): Promise<Outcome> {
  try {
    const value = await fn();
    const r = value as { ok?: unknown; code?: unknown; error?: unknown } | null;
    // runAction's { ok: false, error, code }: an action's expected failure comes back as a value.
    if (r && typeof r === "object" && r.ok === false && typeof r.code === "string") return { ok: false, code: r.code, message: String(r.error) };
    return { ok: true, value };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code, message: error.message };
    return { ok: false, code: "unexpected", message: String(error) };
  }
}

/** `run(id)` on each of B's ids must fail with not_found/forbidden, exactly as for a nonexistent id. */
async function denied(label: string, targets: string[], run: (id: string) => Promise<unknown>) {
  for (const id of targets) {
    const got = await outcome(() => run(id));
    const fake = await outcome(() => run(fakeId(id)));
    counts.actions++;
    const where = `${label} on B's ${id}`;
    if (got.ok) {
      leaks.push(`${where}: succeeded: ${clip(JSON.stringify(got.value) ?? "undefined")}`);
      continue;
    }
    if (got.code !== "not_found" && got.code !== "forbidden") leaks.push(`${where}: ${got.code} "${got.message}", expected not_found/forbidden`);
    const norm = `${got.code} ${replaceAll(got.message, [id], "<id>")}`;
    const normFake = fake.ok ? "ok" : `${fake.code} ${replaceAll(fake.message, [fakeId(id)], "<id>")}`;
    if (norm !== normFake) leaks.push(`${where}: fails differently than for a nonexistent id (${norm} vs ${normFake})`);
    scan(where, norm);
  }
}

/** An action with no resource id: it must act on A only and answer with nothing of B. */
async function ownScope(label: string, run: () => Promise<unknown>, verify: (value: unknown) => Promise<string | null>, echoes: string[] = []) {
  const got = await outcome(run);
  counts.actions++;
  if (!got.ok) {
    vacuous.push(`${label}: expected success, got ${got.code} "${got.message}"`);
    return;
  }
  scan(label, JSON.stringify(got.value) ?? "", echoes);
  const problem = await verify(got.value);
  if (problem) leaks.push(`${label}: ${problem}`);
}

const dataOf = (v: unknown) => (v as { data: Record<string, unknown> }).data;
/** A saved logo ({ url: "/logos/{id}" }) must be A's. */
async function logoOwnerProblem(saved: unknown) {
  const id = String((saved as { url: string }).url).split("/").pop()!;
  const row = await db.partnerLogo.findUnique({ where: { id }, select: { partnerId: true } });
  return row?.partnerId === a.partnerId ? null : `saved logo ${id} belongs to ${row?.partnerId ?? "nobody"}`;
}
const keyOwner = async (id: unknown) => (await db.apiKey.findUniqueOrThrow({ where: { id: String(id) } })).partnerId;

type ActionSpec = {
  guard: "partner" | "support" | "none";
  /** Why the action needs no runtime check (no partner data, or cross-partner for support by design). */
  staticOnly?: string;
  /** The lib function the action delegates to, called with A's partner id and B's resource ids. */
  lib?: () => Promise<void>;
  /** The real action, invoked as A's users (and support acting as A) on B's ids. */
  invoke?: (fn: ActionFn) => Promise<void>;
};

const aAdmin = (): Principal => ({ name: "A admin", user: a.admin });
const aMember = (): Principal => ({ name: "A member", user: a.member });
const supportAsA = (): Principal => ({ name: "support acting as A", user: support, partnerCookie: a.partnerId });
const actor = () => ({ id: a.admin.id, email: a.admin.email });
const call = (fn: ActionFn, p: Principal, ...args: unknown[]) => as(p, () => (fn as (...x: unknown[]) => Promise<unknown>)(...args));
const endpointActions = (name: string, lib: (endpointId: string) => Promise<unknown>, invoke: (fn: ActionFn, p: Principal, endpointId: string) => Promise<unknown>): ActionSpec => ({
  guard: "partner",
  lib: () => denied(`lib ${name}(A, B's endpoint)`, b.endpointIds, lib),
  invoke: async (fn) => {
    for (const p of [aAdmin(), aMember(), supportAsA()]) await denied(`action ${name} as ${p.name}`, b.endpointIds, (id) => invoke(fn, p, id));
  },
});

/** Every exported function of every file under app/(dashboard)/**\/_actions, keyed "file#export" (relative to app/). */
const ACTIONS: Record<string, ActionSpec> = {
  "(dashboard)/_actions/session.ts#switchPartner": {
    guard: "support",
    invoke: async (fn) => {
      for (const p of [aAdmin(), aMember()]) await denied(`action switchPartner as ${p.name}`, [b.partnerId], (id) => call(fn, p, id));
      if (session.cookieWrites.length) leaks.push(`switchPartner as a partner user set ${session.cookieWrites.join(", ")}`);
    },
  },
  "(dashboard)/_actions/session.ts#signOutAction": { guard: "none", staticOnly: "signs the caller out; reads and writes no partner data" },
  "(dashboard)/endpoints/_actions/check-endpoint.ts#checkEndpointAction": endpointActions(
    "runEndpointCheck",
    (id) => runEndpointCheck(a.partnerId, id, actor()),
    (fn, p, id) => call(fn, p, { endpointId: id }),
  ),
  "(dashboard)/endpoints/_actions/check-endpoint-url.ts#checkEndpointUrlAction": {
    guard: "partner",
    lib: () => ownScope("lib endpointUrlProblem(B's URL)", () => endpointUrlProblem(b.endpoints[0]!.url), async (v) => (v === null ? null : `B's URL judged unusable: ${String(v)}`), [b.endpoints[0]!.url]),
    invoke: (fn) =>
      ownScope("action checkEndpointUrlAction(B's URL) as A admin", () => call(fn, aAdmin(), b.endpoints[0]!.url), async (v) => (dataOf(v).problem === null ? null : `problem: ${String(dataOf(v).problem)}`), [b.endpoints[0]!.url]),
  },
  "(dashboard)/endpoints/_actions/create-endpoint.ts#createEndpointAction": {
    guard: "partner",
    lib: () =>
      ownScope(
        "lib createEndpoint(A, B's URL)",
        () => createEndpointForPartner(a.partnerId, { url: b.endpoints[0]!.url, description: "", eventTypes: ["delivered"], format: "json", schemaVersion: "v2", rateLimitPerSecond: null }, actor()),
        async (v) => {
          const row = await db.endpoint.findUniqueOrThrow({ where: { id: (v as { endpoint: { id: string } }).endpoint.id } });
          await db.endpoint.delete({ where: { id: row.id } });
          return row.partnerId === a.partnerId ? null : `created for ${row.partnerId}`;
        },
        [b.endpoints[0]!.url],
      ),
    invoke: (fn) =>
      ownScope(
        "action createEndpointAction(B's URL) as A admin",
        () => call(fn, aAdmin(), { url: b.endpoints[0]!.url, eventTypes: ["delivered"] }),
        async (v) => {
          const row = await db.endpoint.findUniqueOrThrow({ where: { id: String(dataOf(v).id) } });
          await db.endpoint.delete({ where: { id: row.id } });
          return row.partnerId === a.partnerId ? null : `created for ${row.partnerId}`;
        },
      ),
  },
  "(dashboard)/endpoints/_actions/delete-endpoint.ts#deleteEndpointAction": endpointActions(
    "deleteEndpoint",
    (id) => deleteEndpoint(a.partnerId, id, actor()),
    (fn, p, id) => call(fn, p, id),
  ),
  "(dashboard)/endpoints/_actions/reveal-secret.ts#revealSecretAction": endpointActions(
    "revealEndpointSecret",
    (id) => revealEndpointSecret(a.partnerId, id, actor()),
    (fn, p, id) => call(fn, p, id),
  ),
  "(dashboard)/endpoints/_actions/rotate-secret.ts#rotateSecretAction": endpointActions(
    "rotateSecretForEndpoint",
    (id) => rotateSecretForEndpoint(a.partnerId, id, actor()),
    (fn, p, id) => call(fn, p, id),
  ),
  "(dashboard)/endpoints/_actions/send-test-event.ts#sendTestEventAction": endpointActions(
    "sendTestEvent",
    (id) => sendTestEvent(a.partnerId, id, { eventType: "delivered" }, actor()),
    (fn, p, id) => call(fn, p, { endpointId: id, eventType: "delivered" }),
  ),
  "(dashboard)/endpoints/_actions/update-endpoint.ts#updateEndpointAction": {
    guard: "partner",
    lib: async () => {
      for (const patch of [{ description: "x" }, { enabled: true }, { enabled: false, disabledReason: "x" }]) {
        await denied(`lib updateEndpoint(A, B's endpoint, ${JSON.stringify(patch)})`, b.endpointIds, (id) => updateEndpoint(a.partnerId, id, patch, actor()));
      }
    },
    invoke: async (fn) => {
      for (const p of [aAdmin(), aMember(), supportAsA()]) {
        await denied(`action updateEndpointAction as ${p.name}`, b.endpointIds, (id) => call(fn, p, id, { description: "x", enabled: true }));
      }
    },
  },
  "(dashboard)/events/_actions/retry-delivery.ts#retryDeliveryAction": {
    guard: "partner",
    lib: () => denied("lib retryDelivery({ partnerId: A }, B's delivery)", ids(b.deliveries), (id) => retryDelivery({ partnerId: a.partnerId }, id, actor())),
    invoke: async (fn) => {
      for (const p of [aAdmin(), aMember(), supportAsA()]) await denied(`action retryDeliveryAction as ${p.name}`, ids(b.deliveries), (id) => call(fn, p, id));
    },
  },
  "(dashboard)/events/_actions/retry-failed-deliveries.ts#retryFailedDeliveriesAction": {
    guard: "partner",
    lib: async () => {
      for (const query of [{}, { status: "dead_lettered" }, { status: "retrying" }]) {
        const { filter } = parseEventLogFilter(query);
        const expected = (await listEventLog(a.partnerId, filter)).failedDeliveryIds.length;
        await ownScope(`lib retryFailedDeliveries({ partnerId: A }, ${JSON.stringify(query)})`, () => retryFailedDeliveries({ partnerId: a.partnerId }, filter, actor()), async (v) =>
          (v as { queued: number }).queued === expected ? null : `queued ${(v as { queued: number }).queued}, A has ${expected} failed`,
        );
      }
    },
    invoke: async (fn) => {
      for (const p of [aAdmin(), aMember(), supportAsA()]) {
        const expected = (await listEventLog(a.partnerId, {})).failedDeliveryIds.length;
        await ownScope(`action retryFailedDeliveriesAction({}) as ${p.name}`, () => call(fn, p, {}), async (v) =>
          dataOf(v).queued === expected ? null : `queued ${String(dataOf(v).queued)}, A has ${expected} failed`,
        );
      }
    },
  },
  // Order intake. Replays are open to every partner user (like delivery retries); source changes need an admin.
  "(dashboard)/intake/_actions/replay-intake.ts#replayIntakeAction": {
    guard: "partner",
    lib: () => denied("lib replayIntake(A, B's intake)", b.intakeIds, (id) => replayIntake(a.partnerId, id, actor())),
    invoke: async (fn) => {
      for (const p of [aAdmin(), aMember(), supportAsA()]) await denied(`action replayIntakeAction as ${p.name}`, b.intakeIds, (id) => call(fn, p, id));
    },
  },
  "(dashboard)/intake/_actions/replay-failed-intakes.ts#replayFailedIntakesAction": {
    guard: "partner",
    lib: () =>
      ownScope("lib replayFailedIntakes(A, B's source)", () => replayFailedIntakes(a.partnerId, parseIntakeFilter({ source: b.sourceIds[0] }), actor()), async (v) =>
        (v as { replayed: number }).replayed === 0 ? null : `replayed ${(v as { replayed: number }).replayed} of B's intakes`,
      [b.sourceIds[0]!]),
    invoke: async (fn) => {
      for (const p of [aAdmin(), aMember(), supportAsA()]) {
        await ownScope(`action replayFailedIntakesAction(B's source) as ${p.name}`, () => call(fn, p, { source: b.sourceIds[0] }), async (v) => (dataOf(v).replayed === 0 ? null : `replayed ${String(dataOf(v).replayed)} of B's intakes`), [b.sourceIds[0]!]);
        await ownScope(`action replayFailedIntakesAction({}) as ${p.name}`, () => call(fn, p, {}), async (v) => (dataOf(v).replayed === 1 ? null : `replayed ${String(dataOf(v).replayed)}, A has 1 open rejected intake`));
      }
    },
  },
  "(dashboard)/settings/order-sources/_actions/create-order-source.ts#createOrderSourceAction": {
    guard: "partner",
    lib: () =>
      ownScope(
        "lib createOrderSource(A, B's source name)",
        () => createOrderSource(a.partnerId, { type: "generic", name: b.sources[0]!.name }, actor()),
        async (v) => {
          const row = await db.orderSource.findUniqueOrThrow({ where: { id: (v as { source: { id: string } }).source.id } });
          await db.orderSource.delete({ where: { id: row.id } });
          return row.partnerId === a.partnerId ? null : `created for ${row.partnerId}`;
        },
        [b.sources[0]!.name],
      ),
    invoke: (fn) =>
      ownScope(
        "action createOrderSourceAction as A admin",
        () => call(fn, aAdmin(), { type: "woocommerce", name: b.sources[1]!.name }),
        async (v) => {
          const row = await db.orderSource.findUniqueOrThrow({ where: { id: (dataOf(v).source as { id: string }).id } });
          await db.orderSource.delete({ where: { id: row.id } });
          return row.partnerId === a.partnerId ? null : `created for ${row.partnerId}`;
        },
        [b.sources[1]!.name],
      ),
  },
  "(dashboard)/settings/order-sources/_actions/update-order-source.ts#updateOrderSourceAction": {
    guard: "partner",
    lib: async () => {
      for (const patch of [{ name: "x" }, { enabled: false }, { validation: "lenient" as const }]) {
        await denied(`lib updateOrderSource(A, B's source, ${JSON.stringify(patch)})`, b.sourceIds, (id) => updateOrderSource(a.partnerId, id, patch, actor()));
      }
    },
    invoke: async (fn) => {
      for (const p of [aAdmin(), aMember(), supportAsA()]) await denied(`action updateOrderSourceAction as ${p.name}`, b.sourceIds, (id) => call(fn, p, { sourceId: id, patch: { enabled: false } }));
    },
  },
  "(dashboard)/settings/order-sources/_actions/rotate-order-source-secret.ts#rotateOrderSourceSecretAction": {
    guard: "partner",
    lib: () => denied("lib rotateOrderSourceSecret(A, B's source)", b.sourceIds, (id) => rotateOrderSourceSecret(a.partnerId, id, {}, actor())),
    invoke: async (fn) => {
      for (const p of [aAdmin(), aMember(), supportAsA()]) await denied(`action rotateOrderSourceSecretAction as ${p.name}`, b.sourceIds, (id) => call(fn, p, { sourceId: id }));
    },
  },
  "(dashboard)/settings/order-sources/_actions/delete-order-source.ts#deleteOrderSourceAction": {
    guard: "partner",
    lib: () => denied("lib deleteOrderSource(A, B's source)", b.sourceIds, (id) => deleteOrderSource(a.partnerId, id, actor())),
    invoke: async (fn) => {
      for (const p of [aAdmin(), aMember(), supportAsA()]) await denied(`action deleteOrderSourceAction as ${p.name}`, b.sourceIds, (id) => call(fn, p, id));
    },
  },
  // No resource id: the country is always the caller's partner's; B's partner row is in the final snapshot.
  "(dashboard)/settings/order-sources/_actions/update-intake-country.ts#updateIntakeCountryAction": {
    guard: "partner",
    lib: () => ownScope("lib setIntakeCountry(A, IN)", () => setIntakeCountry(a.partnerId, "IN", actor()), async () => null),
    invoke: (fn) => ownScope("action updateIntakeCountryAction as A admin", () => call(fn, aAdmin(), { country: "IN" }), async () => null),
  },
  "(dashboard)/settings/account/_actions/change-password.ts#changePasswordAction": {
    guard: "none",
    staticOnly: "changes the signed-in user's own password (requireUser): takes no ids and reads or writes no partner data",
  },
  "(dashboard)/settings/_actions/create-ingest-key.ts#createIngestKey": {
    guard: "support",
    lib: () =>
      ownScope("lib issueApiKey(ingest, A)", () => issueApiKey({ actor: actor(), kind: "ingest", name: "iso ingest", partnerId: a.partnerId }), async (v) => {
        const owner = await keyOwner((v as { id: string }).id);
        return owner === a.partnerId ? null : `key bound to ${owner}`;
      }),
    invoke: async (fn) => {
      await ownScope("action createIngestKey as support acting as A", () => call(fn, supportAsA(), { name: "iso ingest", bindToPartner: true }), async (v) => {
        const owner = await keyOwner(dataOf(v).id);
        return owner === a.partnerId ? null : `key bound to ${owner}`;
      });
      await denied("action createIngestKey as A admin", [b.partnerId], () => call(fn, aAdmin(), { name: "iso ingest", bindToPartner: true }));
    },
  },
  "(dashboard)/settings/_actions/create-partner-api-key.ts#createPartnerApiKey": {
    guard: "partner",
    lib: () =>
      ownScope("lib issueApiKey(partner, A)", () => issueApiKey({ actor: actor(), kind: "partner", name: "iso partner", partnerId: a.partnerId }), async (v) => {
        const owner = await keyOwner((v as { id: string }).id);
        return owner === a.partnerId ? null : `key for ${owner}`;
      }),
    invoke: (fn) =>
      ownScope("action createPartnerApiKey as A admin", () => call(fn, aAdmin(), { name: "iso partner" }), async (v) => {
        const owner = await keyOwner(dataOf(v).id);
        return owner === a.partnerId ? null : `key for ${owner}`;
      }),
  },
  "(dashboard)/settings/_actions/revoke-ingest-key.ts#revokeIngestKey": {
    guard: "support",
    lib: () => denied("lib revokeApiKey(A, ingest, B's key)", [b.ingestKey.id, b.partnerKey.id], (id) => revokeApiKey({ actor: actor(), partnerId: a.partnerId, kind: "ingest", id })),
    invoke: async (fn) => {
      for (const p of [supportAsA(), aAdmin()]) await denied(`action revokeIngestKey as ${p.name}`, [b.ingestKey.id], (id) => call(fn, p, { id }));
    },
  },
  "(dashboard)/settings/_actions/revoke-partner-api-key.ts#revokePartnerApiKey": {
    guard: "partner",
    lib: () => denied("lib revokeApiKey(A, partner, B's key)", [b.partnerKey.id, b.ingestKey.id], (id) => revokeApiKey({ actor: actor(), partnerId: a.partnerId, kind: "partner", id })),
    invoke: async (fn) => {
      for (const p of [aAdmin(), aMember(), supportAsA()]) await denied(`action revokePartnerApiKey as ${p.name}`, [b.partnerKey.id], (id) => call(fn, p, { id }));
    },
  },
  "(dashboard)/settings/_actions/update-retry-policy.ts#updateRetryPolicy": {
    guard: "partner",
    lib: () =>
      ownScope("lib updateRetryPolicy(A)", () => updateRetryPolicy({ actor: actor(), partnerId: a.partnerId, policy: { retrySchedule: [60, 300], timeoutSeconds: 5 } }), async () => null),
    invoke: (fn) => ownScope("action updateRetryPolicy as A admin", () => call(fn, aAdmin(), { retrySchedule: [30, 120, 480], timeoutSeconds: 10 }), async () => null),
  },
  "(dashboard)/settings/team/_actions/invite-member.ts#inviteMember": {
    guard: "partner",
    lib: () =>
      ownScope("lib createInvite(A)", () => createInvite(a.partnerId, { email: `iso-lib-${Date.now()}@example.test`, role: "partner_member" }, actor()), async (v) => {
        const row = await db.invite.findUniqueOrThrow({ where: { id: (v as { id: string }).id } });
        return row.partnerId === a.partnerId ? null : `invite filed under ${row.partnerId}`;
      }),
    invoke: (fn) =>
      ownScope("action inviteMember as A admin", () => call(fn, aAdmin(), { email: `iso-act-${Date.now()}@example.test`, role: "partner_member" }), async (v) => {
        const row = await db.invite.findUniqueOrThrow({ where: { id: String(dataOf(v).id) } });
        return row.partnerId === a.partnerId ? null : `invite filed under ${row.partnerId}`;
      }),
  },
  "(dashboard)/settings/team/_actions/resend-invite.ts#resendInviteAction": {
    guard: "partner",
    lib: () => denied("lib resendInvite(A, B's invite)", [b.inviteId], (id) => resendInvite(a.partnerId, id, actor())),
    invoke: async (fn) => {
      for (const p of [aAdmin(), supportAsA()]) await denied(`action resendInviteAction as ${p.name}`, [b.inviteId], (id) => call(fn, p, { id }));
    },
  },
  "(dashboard)/settings/team/_actions/revoke-invite.ts#revokeInviteAction": {
    guard: "partner",
    lib: () => denied("lib revokeInvite(A, B's invite)", [b.inviteId], (id) => revokeInvite(a.partnerId, id, actor())),
    invoke: async (fn) => {
      for (const p of [aAdmin(), supportAsA()]) await denied(`action revokeInviteAction as ${p.name}`, [b.inviteId], (id) => call(fn, p, { id }));
    },
  },
  "(dashboard)/settings/team/_actions/change-member-role.ts#changeMemberRoleAction": {
    guard: "partner",
    lib: () => denied("lib changeMemberRole(A, B's user)", [b.admin.id, b.member.id], (id) => changeMemberRole(a.partnerId, id, "partner_admin", actor())),
    invoke: async (fn) => {
      for (const p of [aAdmin(), supportAsA()]) await denied(`action changeMemberRoleAction as ${p.name}`, [b.admin.id, b.member.id], (id) => call(fn, p, { id, role: "partner_member" }));
    },
  },
  "(dashboard)/settings/team/_actions/remove-member.ts#removeMemberAction": {
    guard: "partner",
    lib: () => denied("lib removeMember(A, B's user)", [b.member.id, b.admin.id], (id) => removeMember(a.partnerId, id, actor())),
    invoke: async (fn) => {
      for (const p of [aAdmin(), supportAsA()]) await denied(`action removeMemberAction as ${p.name}`, [b.member.id, b.admin.id], (id) => call(fn, p, { id }));
    },
  },
  // --- Issue 16: support bundles, incidents, alert settings, developer screens, tiers ---
  "(dashboard)/_actions/create-support-bundle.ts#createSupportBundleAction": {
    guard: "partner",
    lib: async () => {
      await denied("lib createSupportBundle(A, B's event)", b.eventIds, (id) => createSupportBundle(a.partnerId, "event", id, actor()));
      await denied("lib createSupportBundle(A, B's endpoint)", b.endpointIds, (id) => createSupportBundle(a.partnerId, "endpoint", id, actor()));
      await denied("lib createSupportBundle(A, B's order)", b.orders.map((o) => o.id), (id) => createSupportBundle(a.partnerId, "order", id, actor()));
    },
    invoke: async (fn) => {
      for (const p of [aAdmin(), aMember(), supportAsA()]) {
        await denied(`action createSupportBundleAction(event) as ${p.name}`, b.eventIds, (id) => call(fn, p, { kind: "event", id }));
        await denied(`action createSupportBundleAction(endpoint) as ${p.name}`, b.endpointIds, (id) => call(fn, p, { kind: "endpoint", id }));
        await denied(`action createSupportBundleAction(order) as ${p.name}`, b.orders.map((o) => o.id), (id) => call(fn, p, { kind: "order", id }));
      }
      // The control: A's own order makes a bundle that is A's and names nothing of B.
      await ownScope("action createSupportBundleAction(A's order) as A member", () => call(fn, aMember(), { kind: "order", id: a.orders[0]!.id }), async (v) => {
        const row = await db.supportBundle.findUnique({ where: { id: String(dataOf(v).id) } });
        return row?.partnerId === a.partnerId ? null : `bundle saved for ${row?.partnerId ?? "nobody"}`;
      });
    },
  },
  "(dashboard)/incidents/_actions/acknowledge-incident.ts#acknowledgeIncidentAction": {
    guard: "partner",
    lib: () => denied("lib acknowledgeIncident(A, B's incident)", [b.incidentId], (id) => acknowledgeIncident(a.partnerId, id, actor())),
    invoke: async (fn) => {
      for (const p of [aAdmin(), aMember(), supportAsA()]) await denied(`action acknowledgeIncidentAction as ${p.name}`, [b.incidentId], (id) => call(fn, p, { id }));
      await ownScope("action acknowledgeIncidentAction(A's incident) as A member", () => call(fn, aMember(), { id: a.incidentId }), async () => null);
    },
  },
  "(dashboard)/settings/alerts/_actions/update-alert-settings.ts#updateAlertSettingsAction": {
    guard: "partner",
    // B's endpoint as A's operational endpoint: refused as for an endpoint that does not exist.
    lib: () => denied("lib updateAlertSettings(A, B's endpoint as operational)", b.endpointIds, (id) => updateAlertSettings(a.partnerId, { overrides: {}, opsEndpointId: id }, actor())),
    invoke: async (fn) => {
      for (const p of [aAdmin(), supportAsA()]) await denied(`action updateAlertSettingsAction as ${p.name}`, b.endpointIds, (id) => call(fn, p, { overrides: {}, opsEndpointId: id }));
      await ownScope("action updateAlertSettingsAction(A's endpoint) as A admin", () => call(fn, aAdmin(), { overrides: { dead_letters_waiting: { olderThanSeconds: 600 } }, opsEndpointId: a.endpointIds[0] }), async () => {
        const row = await db.alertSettings.findUnique({ where: { partnerId: a.partnerId } });
        return row?.opsEndpointId === a.endpointIds[0] ? null : "A's settings were not saved";
      });
    },
  },
  "(dashboard)/connect/_actions/enable-developer-screens.ts#enableDeveloperScreensAction": {
    guard: "partner",
    lib: () => ownScope("lib enableDeveloperScreens(A)", () => enableDeveloperScreens(a.partnerId, actor()), async () => null),
    invoke: (fn) =>
      ownScope("action enableDeveloperScreensAction as A admin", () => call(fn, aAdmin()), async () => {
        const row = await db.partner.findUniqueOrThrow({ where: { id: a.partnerId }, select: { developerToolsEnabledAt: true } });
        return row.developerToolsEnabledAt ? null : "A's developer screens were not switched on";
      }),
  },
  "(dashboard)/support/_actions/acknowledge-incident.ts#acknowledgeIncidentAsSupport": {
    guard: "support",
    invoke: async (fn) => {
      for (const p of [aAdmin(), aMember()]) await denied(`action acknowledgeIncidentAsSupport as ${p.name}`, [b.incidentId], (id) => call(fn, p, { id }));
    },
  },
  "(dashboard)/support/partners/_actions/change-partner-tier.ts#changePartnerTierAction": {
    guard: "support",
    invoke: async (fn) => {
      for (const p of [aAdmin(), aMember()]) await denied(`action changePartnerTierAction as ${p.name}`, [b.partnerId], (id) => call(fn, p, { partnerId: id, tier: "enterprise" }));
    },
  },
  "(dashboard)/support/partners/_actions/create-partner.ts#createPartnerAction": {
    guard: "support",
    invoke: async (fn) => {
      // Support-only: partner users are refused and nothing is created.
      const before = await db.partner.count();
      for (const p of [aAdmin(), aMember()]) {
        const got = await outcome(() => call(fn, p, { name: "Iso Partner", tier: "smb" }));
        counts.actions++;
        if (got.ok || got.code !== "forbidden") leaks.push(`createPartnerAction as ${p.name}: ${JSON.stringify(got)}`);
      }
      if ((await db.partner.count()) !== before) leaks.push("createPartnerAction as a partner user created a partner");
    },
  },
  "(dashboard)/support/_actions/open-partner.ts#openPartnerPage": {
    guard: "support",
    invoke: async (fn) => {
      for (const p of [aAdmin(), aMember()]) await denied(`action openPartnerPage as ${p.name}`, [b.partnerId], (id) => call(fn, p, id, "/events"));
    },
  },
  "(dashboard)/support/_actions/reenable-endpoint.ts#reenableEndpointAction": {
    guard: "support",
    // Support names the partner; a mismatched (partner, endpoint) pair must not switch B's endpoint on.
    lib: () => denied("lib reenableEndpoint(A, B's endpoint)", b.endpointIds, (id) => reenableEndpoint(a.partnerId, id, { retryDeadLettered: true }, actor())),
    invoke: async (fn) => {
      await denied("action reenableEndpointAction(A, B's endpoint) as support", b.endpointIds, (id) => call(fn, supportAsA(), { partnerId: a.partnerId, endpointId: id, retryDeadLettered: true }));
      for (const p of [aAdmin(), aMember()]) {
        await denied(`action reenableEndpointAction(B, B's endpoint) as ${p.name}`, b.endpointIds, (id) => call(fn, p, { partnerId: b.partnerId, endpointId: id, retryDeadLettered: true }));
      }
    },
  },
  "(dashboard)/support/_actions/retry-dead-letters.ts#retryDeadLettersAction": {
    guard: "support",
    invoke: async (fn) => {
      const dead = ids(b.deliveries.filter((d) => d.status === "dead_lettered"));
      for (const p of [aAdmin(), aMember()]) {
        await denied(`action retryDeadLettersAction(B's dead letters) as ${p.name}`, dead, (id) => call(fn, p, [id]));
      }
    },
  },
  // No resource id: the logo is always the caller's partner's. B's logo row is in the final
  // snapshot, and its id (a public URL) in the forbidden strings.
  "(dashboard)/tracking/_actions/remove-partner-logo.ts#removePartnerLogo": {
    guard: "partner",
    lib: () => ownScope("lib removePartnerLogo(A)", () => removeLogoForPartner(actor(), a.partnerId), async (v) => ((v as { removed: boolean }).removed ? null : "A's own logo was not removed")),
    invoke: (fn) => ownScope("action removePartnerLogo as A admin", () => call(fn, aAdmin()), async () => null),
  },
  "(dashboard)/tracking/_actions/upload-partner-logo.ts#uploadPartnerLogo": {
    guard: "partner",
    lib: () => ownScope("lib savePartnerLogo(A)", () => savePartnerLogo(actor(), a.partnerId, new Blob([TINY_PNG])), async (v) => logoOwnerProblem(v)),
    invoke: async (fn) => {
      for (const p of [aAdmin(), supportAsA()]) {
        const form = new FormData();
        form.set("logo", new Blob([TINY_PNG], { type: "image/png" }), "logo.png");
        await ownScope(`action uploadPartnerLogo as ${p.name}`, () => call(fn, p, form), async (v) => logoOwnerProblem(dataOf(v)));
      }
    },
  },
  "(dashboard)/tracking/_actions/retry-sms.ts#retrySms": {
    guard: "partner",
    lib: () => denied("lib retrySms(A, B's SMS)", [b.smsId], (id) => retrySms(actor(), a.partnerId, id)),
    invoke: async (fn) => {
      for (const p of [aAdmin(), aMember(), supportAsA()]) await denied(`action retrySms as ${p.name}`, [b.smsId], (id) => call(fn, p, { messageId: id }));
    },
  },
  "(dashboard)/tracking/_actions/save-sms-template.ts#saveSmsTemplate": {
    guard: "partner",
    lib: () => ownScope("lib saveSmsTemplate(A, delivered)", () => saveSmsTemplate(actor(), a.partnerId, { eventType: "delivered", body: "Your order has arrived.", enabled: true }), async () => null),
    invoke: (fn) => ownScope("action saveSmsTemplate as A admin", () => call(fn, aAdmin(), { eventType: "delivered", body: "Your parcel is here.", enabled: true }), async () => null),
  },
  "(dashboard)/tracking/_actions/update-tracking-settings.ts#updateTrackingSettings": {
    guard: "partner",
    lib: () => ownScope("lib updateLayer1Settings(A)", () => updateLayer1Settings(actor(), a.partnerId, { trackingEnabled: true, smsEnabled: true }), async () => null),
    invoke: (fn) => ownScope("action updateTrackingSettings as A admin", () => call(fn, aAdmin(), { trackingEnabled: false }), async () => null),
  },
};

// --- Static checks over the source ----------------------------------------------------------------
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

/** Top-level `export async function name` / `export const name = async`, each with its source up to the next export. */
function exportedFunctions(source: string): { name: string; body: string }[] {
  const matches = [...source.matchAll(/^export\s+(?:async\s+function\s+(\w+)|function\s+(\w+)|const\s+(\w+)\s*=\s*async\b)/gm)];
  return matches.map((m, i) => ({ name: (m[1] ?? m[2] ?? m[3])!, body: source.slice(m.index, matches[i + 1]?.index ?? source.length) }));
}

const GUARDS = ["requirePartnerScope", "requireSupport", "requireUser", "requirePageScope"];
const UNGUARDED: Record<string, string> = {
  "(auth)/login/actions.ts#login": "signs in: there is no session yet and it reads no partner data",
  "(auth)/forgot-password/actions.ts#requestPasswordReset": "no session yet: answers the same for every email, reads no partner data and mails only the account's owner",
  "(auth)/reset-password/[token]/actions.ts#resetPassword": "no session yet: the unguessable one-time link is the authority, and it sets only its own user's password",
  "(auth)/invite/[token]/actions.ts#acceptInviteAction": "accepts an invitation: no session yet; the unguessable link is the authority, and it only joins the partner that invited",
  "(auth)/invite/[token]/actions.ts#renewInviteAction": "renews an expired invitation from its own link: the new link goes to the invited address only",
  "(dashboard)/_actions/session.ts#signOutAction": "signs the caller out; reads and writes no partner data",
};
const isFileLevelDirective = (source: string) => /^\s*(?:(?:\/\/[^\n]*|\/\*[\s\S]*?\*\/)\s*)*["']use server["']/.test(source);
const rel = (file: string) => path.relative(path.join(ROOT, "app"), file).split(path.sep).join("/");

// --- Tests ------------------------------------------------------------------------------------------
describe("tenant isolation: partner A against partner B's data", () => {
  it("routes: every method of every app/api/v1 route denies B's ids (or lists A's rows only) and leaks nothing", async () => {
    const [leaksFrom, vacuousFrom] = [leaks.length, vacuous.length];
    const discovered: RouteCase[] = [];
    for (const file of routeFiles(API_DIR).sort()) {
      const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
      for (const method of exportedMethods(readFileSync(file, "utf8"))) {
        expect(typeof mod[method], `${method} in ${file}`).toBe("function");
        discovered.push({ file, method, template: urlTemplate(file), handler: mod[method] as Handler });
      }
    }
    const keys = discovered.map((rc) => `${rc.method} ${rc.template}`);
    expect(keys, "the walk finds the routes").toContain("POST /api/v1/orders/{orderId}/events");
    // A route nobody added to the matrix fails here; so does a matrix entry whose route is gone.
    expect(keys.filter((k) => !ROUTES[k]), "routes missing from the isolation matrix").toEqual([]);
    expect(Object.keys(ROUTES).filter((k) => !keys.includes(k)), "matrix entries with no route").toEqual([]);

    // Destructive methods last: a DELETE that wrongly succeeded must not hide the other checks.
    const ordered = [...discovered].sort((x, y) => Number(x.method === "DELETE") - Number(y.method === "DELETE"));
    for (const rc of ordered) await ROUTES[`${rc.method} ${rc.template}`]!(rc);

    expect(vacuous.slice(vacuousFrom), "positive controls (A on its own data) must pass, or the denials prove nothing").toEqual([]);
    expect(leaks.slice(leaksFrom)).toEqual([]);
    expect(counts.routes).toBeGreaterThan(100);
  });

  it("server actions (static): every exported action authorises before it awaits anything else and takes the partner from the scope", () => {
    const files = sourceFiles(path.join(ROOT, "app")).filter((f) => /["']use server["']/.test(readFileSync(f, "utf8")));
    expect(files.length, "the walk finds the action files").toBeGreaterThanOrEqual(20);
    const problems: string[] = [];
    let functions = 0;
    for (const file of files) {
      const source = readFileSync(file, "utf8");
      if (!isFileLevelDirective(source)) {
        // An inline "use server" inside a component: at least the file must authorise.
        if (!GUARDS.some((g) => source.includes(`${g}(`))) problems.push(`${rel(file)}: inline "use server" without ${GUARDS.join("/")}`);
        continue;
      }
      for (const { name, body } of exportedFunctions(source)) {
        functions++;
        const key = `${rel(file)}#${name}`;
        if (UNGUARDED[key]) continue;
        const guards = GUARDS.filter((g) => new RegExp(`await\\s+${g}\\(\\)`).test(body));
        const firstAwait = /await\s+([\w.]+)\s*\(/.exec(body)?.[1];
        if (!guards.length) problems.push(`${key}: calls none of ${GUARDS.join(", ")}`);
        else if (!firstAwait || !GUARDS.includes(firstAwait)) problems.push(`${key}: awaits ${firstAwait} before authorising`);
        // Partner users' actions must take the partner from the scope, never from their input.
        if (!guards.includes("requireSupport")) {
          const rest = body.replace(/partnerId:\s*scope\.partnerId/g, "").replace(/scope\.partnerId/g, "");
          if (/partnerId|partner_id/.test(rest)) problems.push(`${key}: uses a partnerId that does not come from requirePartnerScope()`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(functions).toBeGreaterThanOrEqual(Object.keys(ACTIONS).length);
  });

  it("server actions: each one, and the lib function it delegates to, denies B's ids as partner A and leaks nothing", async () => {
    const [leaksFrom, vacuousFrom] = [leaks.length, vacuous.length];
    const dashboard = path.join(ROOT, "app/(dashboard)");
    const actionFiles = sourceFiles(dashboard).filter((f) => path.dirname(f).split(path.sep).includes("_actions"));
    const discovered: { key: string; file: string; name: string; body: string }[] = [];
    for (const file of actionFiles.sort()) {
      for (const fn of exportedFunctions(readFileSync(file, "utf8"))) discovered.push({ key: `${rel(file)}#${fn.name}`, file, ...fn });
    }
    const keys = discovered.map((d) => d.key);
    expect(keys, "the walk finds the actions").toContain("(dashboard)/endpoints/_actions/delete-endpoint.ts#deleteEndpointAction");
    expect(keys.filter((k) => !ACTIONS[k]), "server actions missing from the isolation matrix").toEqual([]);
    expect(Object.keys(ACTIONS).filter((k) => !keys.includes(k)), "matrix entries with no action").toEqual([]);

    for (const { key, file, name, body } of discovered) {
      const spec = ACTIONS[key]!;
      // The guard the matrix assumes is the one the source calls.
      const calls = (g: string) => new RegExp(`await\\s+${g}\\(\\)`).test(body);
      const actual = calls("requireSupport") ? "support" : calls("requirePartnerScope") ? "partner" : "none";
      expect(actual, `${key}: guard`).toBe(spec.guard);
      expect(spec.staticOnly || spec.lib || spec.invoke, `${key}: has no check`).toBeTruthy();
      if (spec.lib) await spec.lib();
      if (spec.invoke) {
        const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
        expect(typeof mod[name], key).toBe("function");
        await spec.invoke(mod[name] as ActionFn);
      }
    }
    expect(vacuous.slice(vacuousFrom), "own-scope actions must succeed for A, or the checks prove nothing").toEqual([]);
    expect(leaks.slice(leaksFrom)).toEqual([]);
    expect(counts.actions).toBeGreaterThan(50);
  });

  it("leaves every row of B exactly as it was, and sends nothing to B's endpoints", async () => {
    const leaksFrom = leaks.length;
    const after = await snapshotTenant(b);
    for (const table of Object.keys(bBefore) as (keyof typeof bBefore)[]) {
      if (!isDeepStrictEqual(bBefore[table], after[table])) leaks.push(`B's ${table} changed: ${clip(JSON.stringify(after[table]))}`);
    }
    // Nothing A did reached B's receiver paths (no test send, no retry, no delivery).
    if (bRequests() !== bRequestsBefore) leaks.push(`B's endpoints received ${bRequests() - bRequestsBefore} requests during A's calls`);
    const listenAfter = await db.listenSession.findMany({ where: { partnerId: b.partnerId }, orderBy: { id: "asc" } });
    if (!isDeepStrictEqual(listenAfter, listenBBefore)) leaks.push(`B's listen sessions changed: ${clip(JSON.stringify(listenAfter))}`);
    expect(leaks.slice(leaksFrom)).toEqual([]);
    expect(after).toEqual(bBefore);
  });
});
