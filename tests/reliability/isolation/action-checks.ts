import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { as, type Principal } from "./session";
import { a, b, clip, counts, fakeId, leaks, replaceAll, scan, support, vacuous } from "./world";

// --- Server action matrix -------------------------------------------------------------------------
export type Outcome = { ok: true; value: unknown } | { ok: false; code: string; message: string };
export type ActionFn = (...args: never[]) => Promise<unknown>;

export async function outcome(fn: () => Promise<unknown>): Promise<Outcome> {
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
export async function denied(label: string, targets: string[], run: (id: string) => Promise<unknown>) {
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
export async function ownScope(label: string, run: () => Promise<unknown>, verify: (value: unknown) => Promise<string | null>, echoes: string[] = []) {
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

export const dataOf = (v: unknown) => (v as { data: Record<string, unknown> }).data;
/** A saved logo ({ url: "/logos/{id}" }) must be A's. */
export async function logoOwnerProblem(saved: unknown) {
  const id = String((saved as { url: string }).url).split("/").pop()!;
  const row = await db.partnerLogo.findUnique({ where: { id }, select: { partnerId: true } });
  return row?.partnerId === a.partnerId ? null : `saved logo ${id} belongs to ${row?.partnerId ?? "nobody"}`;
}
export const keyOwner = async (id: unknown) => (await db.apiKey.findUniqueOrThrow({ where: { id: String(id) } })).partnerId;

export type ActionSpec = {
  guard: "partner" | "support" | "none";
  /** Why the action needs no runtime check (no partner data, or cross-partner for support by design). */
  staticOnly?: string;
  /** The lib function the action delegates to, called with A's partner id and B's resource ids. */
  lib?: () => Promise<void>;
  /** The real action, invoked as A's users (and support acting as A) on B's ids. */
  invoke?: (fn: ActionFn) => Promise<void>;
};

export const aAdmin = (): Principal => ({ name: "A admin", user: a.admin });
export const aMember = (): Principal => ({ name: "A member", user: a.member });
export const supportAsA = (): Principal => ({ name: "support acting as A", user: support, partnerCookie: a.partnerId });
export const actor = () => ({ id: a.admin.id, email: a.admin.email });
export const call = (fn: ActionFn, p: Principal, ...args: unknown[]) => as(p, () => (fn as (...x: unknown[]) => Promise<unknown>)(...args));
export const endpointActions = (name: string, lib: (endpointId: string) => Promise<unknown>, invoke: (fn: ActionFn, p: Principal, endpointId: string) => Promise<unknown>): ActionSpec => ({
  guard: "partner",
  lib: () => denied(`lib ${name}(A, B's endpoint)`, b.endpointIds, lib),
  invoke: async (fn) => {
    for (const p of [aAdmin(), aMember(), supportAsA()]) await denied(`action ${name} as ${p.name}`, b.endpointIds, (id) => invoke(fn, p, id));
  },
});
