import { describe, expect, it, vi } from "vitest";
import { requestPasswordReset } from "@/app/(auth)/forgot-password/actions";
import { db } from "@/lib/db/client";
import { changePassword } from "@/lib/auth/change-password";
import { passwordResetRetryAfter, RESET_REQUESTED_MESSAGE, sendPasswordResetMail } from "@/lib/auth/password-reset";
import { signInRetryAfter } from "@/lib/auth/sign-in-limit";
import { consumeUserToken, inspectUserToken, issueUserToken, RESET_LINK_TTL_MS } from "@/lib/auth/user-tokens";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { createPartner, createUser } from "@/prisma/factories";

// The forgot-password form's server action runs as Next runs it, with the request's headers (the
// client address a proxy put in X-Forwarded-For) and next/server's after() as stand-ins: after()
// runs its task at once and the test waits for it, as the response would be followed by it.
const request = vi.hoisted(() => ({ forwardedFor: null as string | null, afterResponse: [] as Promise<unknown>[] }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(request.forwardedFor ? { "x-forwarded-for": request.forwardedFor } : {}) }));
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (task: () => unknown) => void request.afterResponse.push(Promise.resolve().then(task)),
}));

const OLD = "Original-Lantern-Meadow-9";
const NEW = "Tangerine-Bicycle-Orbit-42";
const tokenOf = (url: string) => decodeURIComponent(url.split("/reset-password/")[1]!);

async function partnerUser() {
  const partner = await createPartner();
  const user = await createUser({ role: "partner_member", partnerId: partner.id, password: OLD, name: "Rhea Varma" });
  return { partner, user };
}

describe("password reset links", () => {
  it("forgot-password mails a 1-hour link to a known account, and nothing for an unknown email", async () => {
    const { partner, user } = await partnerUser();
    await sendPasswordResetMail(user.email);
    const mail = await db.emailMessage.findFirstOrThrow({ where: { to: user.email } });
    expect(mail).toMatchObject({ partnerId: partner.id, template: "password_reset" });
    const url = /(http:\/\/localhost:3000\/reset-password\/\S+)/.exec(mail.body)?.[1];
    expect(url).toBeDefined();
    const lookup = await inspectUserToken(tokenOf(url!));
    expect(lookup).toMatchObject({ ok: true, purpose: "reset_password", user: { id: user.id } });
    const token = await db.userToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(Math.abs(token.expiresAt.getTime() - Date.now() - RESET_LINK_TTL_MS)).toBeLessThan(60_000);

    const before = await db.emailMessage.count();
    await sendPasswordResetMail(`nobody-${Date.now()}@example.test`);
    expect(await db.emailMessage.count()).toBe(before);
  });

  it("limits requests to 3 per email per hour, whether or not the account exists", async () => {
    const email = `limit-${Date.now()}@example.test`;
    const waits = [];
    for (let i = 0; i < 4; i++) waits.push(await passwordResetRetryAfter(email, null));
    expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
    expect(waits[3]).toBeGreaterThan(3000);
  });

  it("the 21st request from one client address within the hour is refused and mails nothing; another address still gets its mail", async () => {
    const { user } = await partnerUser();
    const { user: colleague } = await partnerUser();
    const run = Date.now().toString(36);
    const office = `198.51.100.${20 + (Date.now() % 200)}`;
    const home = `203.0.113.${20 + (Date.now() % 200)}`;
    /** One submit of the forgot-password form from `address` (behind a proxy), and what runs after the answer. */
    const ask = async (address: string, email: string) => {
      request.forwardedFor = `${address}, 10.0.0.5`;
      const form = new FormData();
      form.set("email", email);
      const answer = await requestPasswordReset({ sent: null, error: null }, form);
      await Promise.all(request.afterResponse.splice(0));
      return answer;
    };
    const resetMails = (to: string) => db.emailMessage.count({ where: { to, template: "password_reset" } });

    // Twenty from one address (a script trying emails, or a busy office): each answered the usual way.
    for (let i = 0; i < 19; i++) expect(await ask(office, `probe-${run}-${i}@example.test`)).toEqual({ sent: RESET_REQUESTED_MESSAGE, error: null });
    expect(await ask(office, colleague.email)).toEqual({ sent: RESET_REQUESTED_MESSAGE, error: null });
    expect(await resetMails(colleague.email)).toBe(1); // the 20th still mails

    // The 21st is refused, with how long to wait, and no mail goes out, although this email was never asked for.
    const refused = await ask(office, user.email);
    expect(refused).toEqual({ sent: null, error: expect.stringMatching(/^Too many reset requests\. Try again in (59|60) min\.$/) });
    expect(await resetMails(user.email)).toBe(0);
    expect(await ask(office, `probe-${run}-late@example.test`)).toMatchObject({ sent: null, error: expect.stringContaining("Too many reset requests") });

    // The same person from another address gets the link.
    expect(await ask(home, user.email)).toEqual({ sent: RESET_REQUESTED_MESSAGE, error: null });
    expect(await resetMails(user.email)).toBe(1);
    const mail = await db.emailMessage.findFirstOrThrow({ where: { to: user.email, template: "password_reset" } });
    expect(mail.body).toMatch(/http:\/\/localhost:3000\/reset-password\/\S+/);
  });

  it("tells a tampered, expired or used link apart, and a reset ends other sessions and other links", async () => {
    const { user } = await partnerUser();
    const first = await issueUserToken(user.id, "reset_password", RESET_LINK_TTL_MS);
    const second = await issueUserToken(user.id, "reset_password", RESET_LINK_TTL_MS);
    const token = tokenOf(second.url);
    const tampered = `${token.slice(0, -4)}${token.endsWith("AAAA") ? "BBBB" : "AAAA"}`;
    expect(await inspectUserToken(tampered)).toEqual({ ok: false, problem: "invalid" });
    expect(await inspectUserToken("not-a-token")).toEqual({ ok: false, problem: "invalid" });
    expect(await consumeUserToken(tampered, NEW)).toEqual({ ok: false, problem: "invalid" });

    expect(await consumeUserToken(token, NEW)).toMatchObject({ ok: true });
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.sessionVersion).toBe(user.sessionVersion + 1);
    expect(await verifyCredentials({ email: user.email, password: OLD })).toBeNull();
    // The other link in the inbox no longer works: it reads as expired.
    expect(await inspectUserToken(tokenOf(first.url))).toEqual({ ok: false, problem: "expired" });
    expect(await inspectUserToken(token)).toEqual({ ok: false, problem: "used" });
    expect(await db.auditLog.count({ where: { targetId: user.id, action: "user.password_reset", partnerId: user.partnerId } })).toBe(1);
  });

  it("two submits of the same link at once: exactly one sets the password", async () => {
    const { user } = await partnerUser();
    const token = tokenOf((await issueUserToken(user.id, "reset_password", RESET_LINK_TTL_MS)).url);
    const results = await Promise.all([consumeUserToken(token, NEW), consumeUserToken(token, "Second-Walrus-Pocket-31")]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, problem: "used" }]);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(1);
  });

  it("an expired link changes nothing", async () => {
    const { user } = await partnerUser();
    const token = tokenOf((await issueUserToken(user.id, "reset_password", -1000)).url);
    expect(await consumeUserToken(token, NEW)).toEqual({ ok: false, problem: "expired" });
    expect(await verifyCredentials({ email: user.email, password: OLD })).not.toBeNull();
  });
});

describe("changing your password while signed in", () => {
  it("a wrong current password changes nothing and counts toward the sign-in limit", async () => {
    const { user } = await partnerUser();
    for (let i = 0; i < 10; i++) {
      expect(await changePassword(user.id, { current: "wrong-password", password: NEW }, "198.51.100.7")).toEqual({ ok: false, field: "current", message: "Your current password is incorrect." });
    }
    expect(await signInRetryAfter(user.email, null)).toBeGreaterThan(0);
    // Locked out now, even with the right password.
    expect(await changePassword(user.id, { current: OLD, password: NEW }, "198.51.100.7")).toMatchObject({ ok: false, field: null, message: expect.stringContaining("Too many wrong passwords") });
    expect(await verifyCredentials({ email: user.email, password: OLD })).not.toBeNull();
  });

  it("refuses a weak new password, then changes it: other sessions and outstanding links end", async () => {
    const { user } = await partnerUser();
    const link = tokenOf((await issueUserToken(user.id, "reset_password", RESET_LINK_TTL_MS)).url);
    expect(await changePassword(user.id, { current: OLD, password: "password1234" }, null)).toMatchObject({ ok: false, field: "password", message: expect.stringContaining("commonly used") });
    expect(await changePassword(user.id, { current: OLD, password: NEW }, null)).toEqual({ ok: true });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(1);
    expect(await verifyCredentials({ email: user.email, password: NEW })).not.toBeNull();
    expect(await inspectUserToken(link)).toEqual({ ok: false, problem: "expired" });
    expect(await db.auditLog.count({ where: { targetId: user.id, action: "user.password_changed" } })).toBe(1);
  });
});
