import { isDeepStrictEqual } from "node:util";
import { db } from "@/lib/db/client";
import { parseEventLogFilter } from "@/lib/event-log/filter";
import { listEventLog } from "@/lib/event-log/list-events";
import { callRoute } from "../../support/api";
import { genericHeaders, shopifyHeaders } from "../../support/intake";
import { ingestTableCounts } from "../../support/isolation-world";
import { aEndpointIds, byId, hit, ids, ingestPrincipal, listing, newCustomer, OUT_FOR_DELIVERY, partnerPrincipals, type RouteCase } from "./route-checks";
import { LISTEN_ROUTES } from "./routes-listen";
import { a, b, bBefore, clip, counts, fakeId, judgeDenied, leaks, receiver, scan, vacuous } from "./world";

// The route matrix: how each method of each app/api/v1 route is checked. tenant-isolation.test.ts
// finds the routes itself and fails for a route missing here, or an entry whose route is gone.

/** Every exported method of every route file under app/api/v1, keyed "METHOD /path". */
export const ROUTES: Record<string, (rc: RouteCase) => Promise<void>> = {
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
