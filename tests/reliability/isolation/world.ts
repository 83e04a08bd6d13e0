import { expect } from "vitest";
import type { SessionUser } from "@/lib/auth/types";
import { db } from "@/lib/db/client";
import { createListenSession } from "@/lib/listen/sessions";
import { startReceiver, type Receiver } from "@/lib/receiver/server";
import { buildTenant, createSupportUser, forbiddenStrings, snapshotTenant, type Tenant } from "../../support/isolation-world";

// --- The world: A calls, B is the victim ----------------------------------------------------
export let receiver: Receiver;
export let a: Tenant;
export let b: Tenant;
export let support: SessionUser;
export let bForbidden: Map<string, string>;
export let bBefore: Awaited<ReturnType<typeof snapshotTenant>>;
export let bRequestsBefore = 0;
export const bRequests = () => receiver.received.filter((r) => b.paths.some((p) => r.path.startsWith(p))).length;

export const counts = { routes: 0, actions: 0 };
export const listen = { a: [] as { id: string; secret: string }[], b: [] as { id: string; secret: string }[] };
export let listenBBefore: unknown[] = [];
export const leaks: string[] = []; // every isolation failure, whichever phase found it
export const vacuous: string[] = []; // a positive control failed: the matching checks proved nothing

/** Builds A and B (tenant-isolation.test.ts beforeAll) and records B as it was. */
export async function setupWorld() {
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
}

export async function teardownWorld() {
  console.log(`isolation: ${counts.routes} route×method checks, ${counts.actions} action checks, ${leaks.length} leaks`);
  await db.partner.deleteMany({ where: { id: { in: [a?.partnerId, b?.partnerId].filter((x): x is string => !!x) } } });
  if (support) await db.user.deleteMany({ where: { id: support.id } });
  await receiver?.close();
}

// --- Judging answers ----------------------------------------------------------------------------
/** Same length and prefix, certainly not a row: B's id with its tail replaced. */
export const fakeId = (id: string) => `${id.slice(0, -6)}zq9zq9`;
export const replaceAll = (text: string, values: string[], by: string) => values.filter(Boolean).reduce((t, v) => t.split(v).join(by), text);
export const clip = (text: string) => (text.length > 400 ? `${text.slice(0, 400)}…` : text);

/** Records every string of B found in `text` (after `allowed` echoes of the caller's own input are blanked). */
export function scan(label: string, text: string, allowed: string[] = []) {
  const visible = replaceAll(text, allowed, "<caller-supplied>");
  for (const [value, what] of bForbidden) if (visible.includes(value)) leaks.push(`${label}: answer contains B's ${what} "${value}": ${clip(visible)}`);
}

export type Answer = { status: number; json: unknown; text: string };

/** A denial: 403/404, identical to the answer for a nonexistent id, and nothing of B in it. */
export function judgeDenied(label: string, got: Answer, fake: Answer, ids: string[], fakeIds: string[]) {
  if (got.status !== 403 && got.status !== 404) leaks.push(`${label}: status ${got.status}, expected 403/404: ${clip(got.text)}`);
  const norm = replaceAll(got.text, ids, "<id>");
  const normFake = replaceAll(fake.text, fakeIds, "<id>");
  if (got.status !== fake.status || norm !== normFake) {
    leaks.push(`${label}: answers differently than for a nonexistent id, so it reveals that B's id exists: ${got.status} ${clip(norm)} vs ${fake.status} ${clip(normFake)}`);
  }
  scan(label, norm);
}
