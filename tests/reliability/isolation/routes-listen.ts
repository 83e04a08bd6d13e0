import { isDeepStrictEqual } from "node:util";
import { db } from "@/lib/db/client";
import { byId, hit, ids, listing, partnerPrincipals, type RouteCase } from "./route-checks";
import { as, type Principal } from "./session";
import { a, b, clip, counts, fakeId, judgeDenied, leaks, listen, scan, vacuous } from "./world";

// The `waypoint listen` routes of the matrix (routes.ts spreads them in).

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

export const LISTEN_ROUTES: Record<string, (rc: RouteCase) => Promise<void>> = {
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
