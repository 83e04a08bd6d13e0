import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { apiRouteMethods } from "../support/api-routes";
import { snapshotTenant } from "../support/isolation-world";
import type { ActionFn } from "./isolation/action-checks";
import { ACTIONS } from "./isolation/actions";
import type { Handler, RouteCase } from "./isolation/route-checks";
import { ROUTES } from "./isolation/routes";
import { b, bBefore, bRequests, bRequestsBefore, clip, counts, leaks, listenBBefore, setupWorld, teardownWorld, vacuous } from "./isolation/world";

// Tenant isolation matrix: partner A calls every partner API route and every dashboard server
// action on partner B's ids. Each answer must be a 403/404 that is byte for byte the answer for
// an id that does not exist (so it does not even reveal that B's id exists) and must contain
// none of B's ids, names, URLs, refs, tokens, keys or secrets; lists must show A's rows only;
// and at the end every row of B must be exactly as it was. New route files and new server
// actions fail the test until they are added to the matrix (isolation/routes.ts, isolation/actions.ts),
// so it cannot drift.
//
// Server actions are checked three ways: statically (each one authorises before anything else
// and takes the partner from the scope), through the lib function each delegates to (called
// with A's partner id and B's resource id), and for real: the actions themselves, invoked with
// next-auth's `auth()` and next/headers' cookies standing in for a signed-in A user (or support
// staff acting as A). Routes run with A's partner API key and with those same sessions.
//
// The parts: isolation/world.ts (A, B and the judging of answers), isolation/session.ts (the
// signed-in stand-in), isolation/routes.ts + routes-listen.ts (the route matrix, with its checks in
// route-checks.ts), isolation/actions.ts (the action matrix, checks in action-checks.ts).

// --- Session stand-in: who "is signed in" for requirePartnerScope() (isolation/session.ts) ------
vi.mock("@/lib/auth/config", async () => {
  const { session } = await import("./isolation/session");
  return {
    auth: async () => (session.user ? { user: session.user } : null),
    signIn: async () => undefined,
    signOut: async () => undefined,
    unstable_update: async () => undefined,
    handlers: {},
  };
});
vi.mock("next/headers", async () => {
  const { session } = await import("./isolation/session");
  return {
    cookies: async () => ({
      get: (name: string) => (name === "wp_partner" && session.partnerCookie ? { name, value: session.partnerCookie } : undefined),
      set: (name: string, value: string) => void session.cookieWrites.push(`${name}=${value}`),
    }),
    headers: async () => new Headers(),
  };
});
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

// --- The world: A calls, B is the victim (isolation/world.ts) ----------------------------------
const ROOT = path.resolve(import.meta.dirname, "../..");
beforeAll(setupWorld);
afterAll(teardownWorld);

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
    for (const { file, method, template } of apiRouteMethods()) {
      const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
      expect(typeof mod[method], `${method} in ${file}`).toBe("function");
      discovered.push({ file, method, template, handler: mod[method] as Handler });
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
