import "server-only";
import { sql } from "@/lib/db/sql";
import { effectiveRules, type EffectiveRules, type IncidentRule } from "@/lib/alerts/rules";
import { intakeConditions } from "@/lib/intake/alerts";
import { eachPaced, unpaced, type Pace } from "@/lib/jobs/pace";

// What every rule says about every endpoint right now: attempts through the (endpointId,
// startedAt) index, an endpoint per statement; dead-letters through the (partnerId, status) index
// in one; and one for order sources' failed intakes (lib/intake/alerts.ts, through the
// (sourceId, receivedAt) index). "unknown" leaves an incident as it is: a disabled
// endpoint gets no automatic attempts, so its failure rate and delay say nothing (its own rule covers it).

export type ConditionState = "firing" | "clear" | "unknown";
export type Condition = {
  rule: IncidentRule;
  /** The endpoint's id and URL; for intake_failures, the order source's id and name. */
  endpointId: string;
  partnerId: string;
  endpointUrl: string;
  state: ConditionState;
  summary: string;
  details: Record<string, number | string | null>;
};

type EndpointRow = { id: string; partner_id: string; url: string; enabled: boolean; disabled_reason: string | null; overrides: unknown };

// lib/delivery/auto-disable.ts words every automatic reason this way; a person's reason is free text.
export const isAutomaticDisable = (reason: string | null) => reason?.startsWith("Disabled automatically") ?? false;

const ts = (param: string) => `(${param}::timestamptz AT TIME ZONE 'UTC')`;

// Both read at most the latest $4 rows of an endpoint's window (through the index, newest first):
// a rate or a p95 over the latest thousands says what the whole window says, and the work per
// pass stays the same whatever the traffic (15 min at 1,500 attempts/s is 1.35 million rows).
export const FAILURE_SAMPLE = 2000;
export const DELAY_SAMPLE = 1000;

const FAILURE_SQL = `
SELECT i.id, f.attempts, f.failed
  FROM unnest($1::text[], $2::int[]) AS i(id, win)
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS attempts, (count(*) FILTER (WHERE NOT a.success))::int AS failed
      FROM (SELECT x.success FROM "DeliveryAttempt" x
             WHERE x."endpointId" = i.id AND x."deliveryId" IS NOT NULL AND x."startedAt" > ${ts("$3")} - make_interval(secs => i.win) AND x."startedAt" <= ${ts("$3")}
             ORDER BY x."startedAt" DESC LIMIT $4) a
  ) f`;

const DELAY_SQL = `
SELECT i.id, d.deliveries, d.p95
  FROM unnest($1::text[], $2::int[]) AS i(id, win)
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS deliveries, percentile_disc(0.95) WITHIN GROUP (ORDER BY ms)::float8 AS p95
      FROM (SELECT floor(extract(epoch FROM a."startedAt" - e."occurredAt") * 1000)::bigint + a."latencyMs" AS ms
              FROM (SELECT y."deliveryId", y."startedAt", y."latencyMs" FROM "DeliveryAttempt" y
                     WHERE y."endpointId" = i.id AND y.success AND y."startedAt" > ${ts("$3")} - make_interval(secs => i.win) AND y."startedAt" <= ${ts("$3")}
                     ORDER BY y."startedAt" DESC LIMIT $4) a
              JOIN "Delivery" dl ON dl.id = a."deliveryId"
              JOIN "OrderEvent" e ON e.id = dl."eventId") x
  ) d`;

const DEAD_SQL = `
SELECT d."endpointId" AS id, (count(*) FILTER (WHERE d."deadLetteredAt" <= ${ts("$3")} - make_interval(secs => i.older)))::int AS waiting,
       count(*)::int AS open, (extract(epoch FROM min(d."deadLetteredAt")) * 1000)::float8 AS oldest_ms
  FROM unnest($1::text[], $2::int[]) AS i(partner_id, older)
  JOIN LATERAL (SELECT x."endpointId", x."deadLetteredAt" FROM "Delivery" x WHERE x."partnerId" = i.partner_id AND x.status = 'dead_lettered') d ON true
 GROUP BY d."endpointId"`;

export async function currentConditions(now = new Date(), pace: Pace = unpaced): Promise<Condition[]> {
  const endpoints = await sql().query<EndpointRow>(
    `SELECT en.id, en."partnerId" AS partner_id, en.url, en.enabled, en."disabledReason" AS disabled_reason, s.overrides
       FROM "Endpoint" en LEFT JOIN "AlertSettings" s ON s."partnerId" = en."partnerId"`,
  );
  const rules = new Map<string, EffectiveRules>(endpoints.map((e) => [e.id, effectiveRules(e.overrides)]));
  const at = now.toISOString();
  const live = (rule: "failure_rate" | "delivery_delay") => endpoints.filter((e) => e.enabled && rules.get(e.id)![rule].enabled);

  const rate = live("failure_rate");
  const delay = live("delivery_delay");
  const partners = new Map<string, number>();
  for (const e of endpoints) if (rules.get(e.id)!.dead_letters_waiting.enabled) partners.set(e.partner_id, rules.get(e.id)!.dead_letters_waiting.olderThanSeconds);
  // One statement at a time, and the two that read every attempt in their windows one endpoint
  // at a time, paced (the monitor loop gives way to live traffic): the four at once on a busy
  // endpoint's 15 minutes kept both cores of a small box for a quarter of a second (bench:http at
  // 300 orders/s: ingest p95 went from tens of milliseconds to over 600 ms for a few seconds).
  const failures = await perEndpoint(rate, pace, (e) => sql().query<{ id: string; attempts: number; failed: number }>(FAILURE_SQL, [[e.id], [rules.get(e.id)!.failure_rate.windowSeconds], at, FAILURE_SAMPLE]));
  const delays = await perEndpoint(delay, pace, (e) => sql().query<{ id: string; deliveries: number; p95: number | null }>(DELAY_SQL, [[e.id], [rules.get(e.id)!.delivery_delay.windowSeconds], at, DELAY_SAMPLE]));
  const dead = partners.size ? await sql().query<{ id: string; waiting: number; open: number; oldest_ms: number }>(DEAD_SQL, [[...partners.keys()], [...partners.values()], at]) : [];
  const intake = await intakeConditions(now);

  const out: Condition[] = [...intake];
  const base = (e: EndpointRow) => ({ endpointId: e.id, partnerId: e.partner_id, endpointUrl: e.url });
  const byId = new Map(endpoints.map((e) => [e.id, e]));
  for (const f of failures) {
    const e = byId.get(f.id)!;
    const r = rules.get(f.id)!.failure_rate;
    const percent = f.attempts ? Math.round((f.failed * 1000) / f.attempts) / 10 : 0;
    const firing = f.attempts >= r.minAttempts && (f.failed * 100) / f.attempts > r.thresholdPercent;
    out.push({ ...base(e), rule: "failure_rate", state: firing ? "firing" : "clear", summary: `${percent} % of ${f.attempts === FAILURE_SAMPLE ? "the latest " : ""}${f.attempts} delivery attempts failed in the last ${span(r.windowSeconds)} (threshold ${r.thresholdPercent} %, at least ${r.minAttempts} attempts).`, details: { attempts: f.attempts, failed: f.failed, percent, thresholdPercent: r.thresholdPercent, windowSeconds: r.windowSeconds } });
  }
  for (const d of delays) {
    const e = byId.get(d.id)!;
    const r = rules.get(d.id)!.delivery_delay;
    const p95 = d.p95 === null ? null : Number(d.p95);
    const firing = d.deliveries >= r.minDeliveries && p95 !== null && p95 > r.thresholdSeconds * 1000;
    out.push({ ...base(e), rule: "delivery_delay", state: firing ? "firing" : "clear", summary: `p95 from status change to delivery was ${p95 === null ? "—" : `${(p95 / 1000).toFixed(1)} s`} over ${d.deliveries === DELAY_SAMPLE ? "the latest " : ""}${d.deliveries} deliveries in the last ${span(r.windowSeconds)} (threshold ${r.thresholdSeconds} s).`, details: { deliveries: d.deliveries, p95Ms: p95, thresholdSeconds: r.thresholdSeconds, windowSeconds: r.windowSeconds } });
  }
  const deadBy = new Map(dead.map((d) => [d.id, d]));
  for (const e of endpoints) {
    const r = rules.get(e.id)!;
    if (r.dead_letters_waiting.enabled) {
      const d = deadBy.get(e.id);
      const waiting = d?.waiting ?? 0;
      out.push({ ...base(e), rule: "dead_letters_waiting", state: waiting > 0 ? "firing" : "clear", summary: `${waiting} dead-lettered ${waiting === 1 ? "delivery has" : "deliveries have"} waited longer than ${span(r.dead_letters_waiting.olderThanSeconds)} for a retry (${d?.open ?? 0} open).`, details: { waiting, open: d?.open ?? 0, olderThanSeconds: r.dead_letters_waiting.olderThanSeconds, oldestAt: d ? new Date(d.oldest_ms).toISOString() : null } });
    }
    if (r.endpoint_disabled.enabled) {
      const firing = !e.enabled && isAutomaticDisable(e.disabled_reason);
      out.push({ ...base(e), rule: "endpoint_disabled", state: firing ? "firing" : e.enabled ? "clear" : "unknown", summary: firing ? e.disabled_reason! : "The endpoint is enabled.", details: { reason: e.disabled_reason } });
    }
    // A disabled endpoint: failure rate and delay are unknown, not clear (no "recovered" for a switched-off endpoint).
    if (!e.enabled) for (const rule of ["failure_rate", "delivery_delay"] as const) if (r[rule].enabled) out.push({ ...base(e), rule, state: "unknown", summary: "", details: {} });
  }
  return out;
}

/** Runs `query` for each endpoint in turn (each reads only that endpoint's attempts) and joins the rows. */
async function perEndpoint<T>(endpoints: EndpointRow[], pace: Pace, query: (endpoint: EndpointRow) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  await eachPaced(endpoints, pace, async (e) => void out.push(...(await query(e))));
  return out;
}

export const span = (s: number) => (s % 3600 === 0 ? `${s / 3600} h` : s % 60 === 0 ? `${s / 60} min` : `${s} s`);
