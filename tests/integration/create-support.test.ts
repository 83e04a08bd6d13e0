import { spawn } from "node:child_process";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { consumeUserToken, inspectUserToken } from "@/lib/auth/user-tokens";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { createDatabase, dropDatabase } from "../support/database";

// The real commands, as an operator runs them: child processes with the app's env
// (tests/support/integration-env.ts) and the test database.

type Run = { code: number | null; stdout: string; stderr: string };

function run(script: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "--conditions=react-server", script, ...args], { env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const createSupport = (...args: string[]) => run("scripts/create-support.ts", args);
const STRONG = "Tangerine-Bicycle-Orbit-42";

async function accountState(email: string) {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  const [tokens, audits] = await Promise.all([db.userToken.findMany({ where: { userId: user.id }, orderBy: { id: "asc" } }), db.auditLog.count({ where: { targetId: user.id } })]);
  return { user, tokens, audits };
}

describe("npm run admin:create-support", () => {
  const email = `ops-${Date.now()}@example.test`;
  let link = "";

  it("creates a support user with no password and prints a one-time set-password link", async () => {
    const result = await createSupport("--email", email.toUpperCase(), "--name", "Ops Person");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Created support user Ops Person <${email}>`);
    link = /(http:\/\/localhost:3000\/reset-password\/\S+)/.exec(result.stdout)?.[1] ?? "";
    expect(link).not.toBe("");

    const { user, tokens } = await accountState(email);
    expect(user).toMatchObject({ role: "support", partnerId: null, passwordHash: null, name: "Ops Person" });
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.purpose).toBe("set_password");
    // 24 hours, give or take the time the command took.
    expect(Math.abs(tokens[0]!.expiresAt.getTime() - Date.now() - 24 * 3_600_000)).toBeLessThan(60_000);
    // Only the hash is stored: the printed secret is nowhere in the row.
    expect(link).not.toContain(tokens[0]!.tokenHash);
    expect(await db.auditLog.findFirst({ where: { targetId: user.id, action: "user.support_created" } })).toMatchObject({ actorId: null, partnerId: null });
    expect(await verifyCredentials({ email, password: "" })).toBeNull();
  });

  it("the link sets the password once: weak refused, strong accepted, then used", async () => {
    const token = decodeURIComponent(link.split("/reset-password/")[1]!);
    expect(await inspectUserToken(token)).toMatchObject({ ok: true, purpose: "set_password", user: { email } });

    expect(await consumeUserToken(token, "password123")).toMatchObject({ ok: false, problem: "weak_password", message: expect.stringContaining("commonly used") });
    expect((await accountState(email)).user.passwordHash).toBeNull();

    expect(await consumeUserToken(token, STRONG)).toMatchObject({ ok: true, purpose: "set_password", user: { email } });
    const { user, tokens } = await accountState(email);
    expect(user.sessionVersion).toBe(1);
    expect(tokens[0]!.usedAt).not.toBeNull();
    expect(await verifyCredentials({ email, password: STRONG })).toMatchObject({ email, role: "support", partnerId: null });
    expect(await db.auditLog.count({ where: { targetId: user.id, action: "user.password_set" } })).toBe(1);

    expect(await consumeUserToken(token, "Another-Strong-Phrase-77")).toEqual({ ok: false, problem: "used" });
    expect(await verifyCredentials({ email, password: STRONG })).not.toBeNull();
  });

  it("a second run for the same email says the account exists and changes nothing", async () => {
    const before = await accountState(email);
    const result = await createSupport("--email", email, "--name", "Someone Else");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`A support user with the email ${email} already exists. Nothing changed.`);
    expect(await accountState(email)).toEqual(before);
    // And no fresh link for someone who already chose a password.
    const resend = await createSupport("--email", email, "--resend-link");
    expect(resend.code).toBe(1);
    expect(resend.stderr).toContain("has already chosen a password");
    expect(await accountState(email)).toEqual(before);
  });

  it("refuses a bad email with the reason and the usage, creating nothing", async () => {
    const users = await db.user.count();
    const result = await createSupport("--email", "ops-at-example", "--name", "Ops Person");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--email: Enter a valid email address.");
    expect(result.stderr).toContain("Usage: npm run admin:create-support");
    expect(await db.user.count()).toBe(users);
  });
});

describe("npm run db:seed in production", () => {
  const created: string[] = [];
  afterAll(async () => {
    for (const name of created) await dropDatabase(name);
  });

  it("refuses without --allow-production-demo-data, saying why, and writes nothing", async () => {
    const fresh = await createDatabase("waypoint_seed_prod");
    created.push(fresh.name);
    const result = await run("prisma/seed.ts", [], { NODE_ENV: "production", DATABASE_URL: fresh.url });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("The demo data has public passwords");
    expect(result.stderr).toContain("anyone could sign in as support");
    expect(result.stderr).toContain("--allow-production-demo-data");
    const client = new pg.Client({ connectionString: fresh.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ partners: number; users: number }>(`SELECT (SELECT count(*) FROM "Partner")::int AS partners, (SELECT count(*) FROM "User")::int AS users`);
      expect(rows[0]).toEqual({ partners: 0, users: 0 });
    } finally {
      await client.end();
    }
  });
});
