import { isDeepStrictEqual } from "node:util";
import { db } from "@/lib/db/client";
import { callRoute } from "../../support/api";
import type { Method } from "../../support/api-routes";
import { ingestTableCounts } from "../../support/isolation-world";
import { as, type Principal } from "./session";
import { a, clip, counts, fakeId, judgeDenied, leaks, scan, support, vacuous, type Answer } from "./world";

// --- Route matrix -------------------------------------------------------------------------------
export type Handler = (req: Request, ctx: never) => Promise<Response>;
export type Target = Record<string, string>;
export type RouteCase = { file: string; method: Method; template: string; handler: Handler };

export async function hit(rc: RouteCase, p: Principal, params: Target, opts: { body?: unknown; query?: string } = {}): Promise<Answer> {
  const url = rc.template.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(params[k] ?? "")) + (opts.query ?? "");
  return as(p, async () => {
    const res = await callRoute(rc.handler, { method: rc.method, path: url, key: p.key, body: opts.body, params });
    const headers = [...res.headers].map(([k, v]) => `${k}: ${v}`).join("\n");
    return { status: res.status, json: res.json, text: `${JSON.stringify(res.json)}\n${headers}` };
  });
}

export const partnerPrincipals = (): Principal[] => [
  { name: "A's partner API key", key: a.partnerKey.key },
  { name: "A's admin (session)", user: a.admin },
  { name: "A's member (session)", user: a.member },
  { name: "support acting as A (session)", user: support, partnerCookie: a.partnerId },
];
export const ingestPrincipal = (): Principal => ({ name: "A's ingest key (bound to A)", key: a.ingestKey.key });

/**
 * A route that takes an id: every principal × every one of B's ids of that kind × every body is
 * denied exactly like a nonexistent id; then the same call on A's own id (the control) succeeds,
 * which proves the body and query pass validation and the lookup itself was what said no.
 */
export function byId(opts: {
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
export function listing(opts: { queries: () => string[]; check: (json: unknown, query: string) => Promise<string | null> }) {
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

export const OUT_FOR_DELIVERY = { event: "out_for_delivery", rider: { name: "Iso Rider", phone: "+919876500001" }, otp: "4821", eta_window: { from: "2026-05-01T14:00:00+05:30", to: "2026-05-01T15:00:00+05:30" } };
export const newCustomer = (ref: string) => ({ merchant_order_ref: ref, customer_id: "iso-c", customer_name: "Iso Customer", customer_phone: "+919800000001" });
export const ids = <T extends { id: string }>(rows: T[]) => rows.map((r) => r.id);
export const aEndpointIds = async () => ids(await db.endpoint.findMany({ where: { partnerId: a.partnerId }, select: { id: true } }));
