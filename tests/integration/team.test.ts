import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createPartner as setUpPartner } from "@/lib/partners/create-partner";
import { createInvite, resendInvite, revokeInvite } from "@/lib/team/invites";
import { acceptInvite, inspectInvite, renewExpiredInvite } from "@/lib/team/accept-invite";
import { changeMemberRole, listTeam, removeMember } from "@/lib/team/members";
import { currentSessionFacts } from "@/lib/auth/session-facts";
import { getOnboardingFunnel } from "@/lib/onboarding/queries";
import { createPartner, createUser } from "@/prisma/factories";

const support = { id: null, email: "ops@waypoint.test", name: "Ops" };
const STRONG = "copper-lantern-orbit-77";

/** The invite link as the invitee gets it: from the mail Waypoint wrote. */
async function linkMailedTo(email: string) {
  const mail = await db.emailMessage.findFirstOrThrow({ where: { to: email }, orderBy: { createdAt: "desc" } });
  const url = /https?:\/\/\S+\/invite\/([A-Za-z0-9_.-]+)/.exec(`${mail.body}`);
  expect(url, `invite link in: ${mail.body}`).not.toBeNull();
  return { token: url![1]!, mail };
}

const unique = (tag: string) => `${tag}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.test`;

describe("partners, invites and the team", () => {
  it("support creates a partner and invites its first admin, who accepts once and lands as admin", async () => {
    const email = unique("lead");
    const partner = await setUpPartner({ name: "Fresh Basket", tier: "smb", trackingEnabled: true, adminEmail: email }, support);
    const { token, mail } = await linkMailedTo(email);
    expect(mail.subject).toContain("Fresh Basket");
    const stored = await db.invite.findFirstOrThrow({ where: { email } });
    expect(stored.tokenHash).not.toContain(token.split(".")[1]!);

    expect(await inspectInvite(token)).toMatchObject({ ok: true, invite: { email, partnerName: "Fresh Basket", role: "partner_admin" } });
    // A weak password is refused with a reason, and nothing is written.
    await expect(acceptInvite(token, { name: "Asha", password: "password123", confirm: "password123" })).rejects.toThrow(/common|guess|word/i);
    expect(await db.user.count({ where: { email } })).toBe(0);

    await acceptInvite(token, { name: "Asha", password: STRONG, confirm: STRONG });
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user).toMatchObject({ role: "partner_admin", partnerId: partner.id, name: "Asha" });
    await expect(acceptInvite(token, { name: "Again", password: STRONG, confirm: STRONG })).rejects.toThrow(/already been used/);
    expect(await inspectInvite(token)).toEqual({ ok: false, problem: "used" });
    const after = await db.partner.findUniqueOrThrow({ where: { id: partner.id } });
    expect(after.firstInviteSentAt).not.toBeNull();
    expect(after.firstInviteAcceptedAt).not.toBeNull();
    expect(await db.auditLog.count({ where: { partnerId: partner.id, action: { in: ["partner.created", "invite.created", "invite.accepted"] } } })).toBe(3);
  });

  it("tells tampered, expired and withdrawn links apart, and a resend replaces the old link", async () => {
    const partner = await createPartner();
    const email = unique("member");
    await createInvite(partner.id, { email, role: "partner_member" }, support);
    const { token } = await linkMailedTo(email);
    const [id, secret] = token.split(".") as [string, string];
    expect(await inspectInvite(`${id}.${secret.slice(0, -2)}xy`)).toEqual({ ok: false, problem: "invalid" });
    expect(await inspectInvite("not-a-token")).toEqual({ ok: false, problem: "invalid" });

    await db.invite.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await inspectInvite(token)).toEqual({ ok: false, problem: "expired" });
    await resendInvite(partner.id, id, support);
    expect(await inspectInvite(token)).toEqual({ ok: false, problem: "invalid" }); // the old link stops working
    const { token: fresh } = await linkMailedTo(email);
    expect(fresh).not.toBe(token);
    expect(await inspectInvite(fresh)).toMatchObject({ ok: true });

    // The holder of an expired link can have a fresh one sent, to the invited address only.
    await db.invite.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000), lastSentAt: new Date(Date.now() - 10 * 60_000) } });
    await expect(renewExpiredInvite(`${id}.${secret}`)).rejects.toThrow(/not valid/); // the replaced link proves nothing
    expect(await renewExpiredInvite(fresh)).toEqual({ sentTo: email });
    await expect(renewExpiredInvite(fresh)).rejects.toThrow(/not valid/); // renewing replaced that link too
    const { token: renewed } = await linkMailedTo(email);
    expect(await inspectInvite(renewed)).toMatchObject({ ok: true });

    await revokeInvite(partner.id, id, support);
    expect(await inspectInvite(renewed)).toEqual({ ok: false, problem: "revoked" });
    expect(await db.user.count({ where: { email } })).toBe(0);
  });

  it("refuses an invite for an email that has an account without naming its partner", async () => {
    const other = await createPartner({ name: "Secret Partner Ltd" });
    const existing = await createUser({ role: "partner_member", partnerId: other.id, password: "x" });
    const partner = await createPartner();
    const attempt = createInvite(partner.id, { email: existing.email.toUpperCase(), role: "partner_member" }, support);
    await expect(attempt).rejects.toThrow(/already has a Waypoint account/);
    await expect(attempt).rejects.not.toThrow(/Secret Partner/);
    expect(await db.invite.count({ where: { partnerId: partner.id } })).toBe(0);
  });

  it("never leaves a partner without an admin; a removed member's session stops at once", async () => {
    const partner = await createPartner();
    const admin = await createUser({ role: "partner_admin", partnerId: partner.id, password: "x" });
    const member = await createUser({ role: "partner_member", partnerId: partner.id, password: "x" });
    const actor = { id: admin.id, email: admin.email };
    await expect(removeMember(partner.id, admin.id, actor)).rejects.toThrow(/last admin/);
    await expect(changeMemberRole(partner.id, admin.id, "partner_member", actor)).rejects.toThrow(/last admin/);

    await changeMemberRole(partner.id, member.id, "partner_admin", actor);
    await changeMemberRole(partner.id, admin.id, "partner_member", actor); // now allowed: another admin exists
    expect((await listTeam(partner.id)).members.map((m) => [m.email, m.role]).sort()).toEqual(
      [
        [admin.email, "partner_member"],
        [member.email, "partner_admin"],
      ].sort(),
    );

    expect(await currentSessionFacts(admin.id)).not.toBeNull();
    await removeMember(partner.id, admin.id, { id: member.id, email: member.email });
    expect(await currentSessionFacts(admin.id)).toBeNull(); // every request re-checks this
    expect(await db.auditLog.count({ where: { partnerId: partner.id, action: "user.removed" } })).toBe(1);
  });

  it("cannot reach another partner's people or invitations", async () => {
    const mine = await createPartner();
    const theirs = await createPartner();
    const victim = await createUser({ role: "partner_member", partnerId: theirs.id, password: "x" });
    await createInvite(theirs.id, { email: unique("theirs"), role: "partner_member" }, support);
    const theirInvite = await db.invite.findFirstOrThrow({ where: { partnerId: theirs.id } });
    await expect(removeMember(mine.id, victim.id, support)).rejects.toThrow(/not found/);
    await expect(changeMemberRole(mine.id, victim.id, "partner_admin", support)).rejects.toThrow(/not found/);
    await expect(revokeInvite(mine.id, theirInvite.id, support)).rejects.toThrow(/not found/);
    await expect(resendInvite(mine.id, theirInvite.id, support)).rejects.toThrow(/not found/);
    expect((await listTeam(mine.id)).invites).toHaveLength(0);
    expect(await db.user.findUnique({ where: { id: victim.id } })).not.toBeNull();
  });

  it("measures the funnel from invitation to first verified delivery", async () => {
    const email = unique("funnel");
    const { id } = await setUpPartner({ name: `Funnel ${Date.now()}`, tier: "growth", adminEmail: email }, support);
    const { token } = await linkMailedTo(email);
    await acceptInvite(token, { name: "F", password: STRONG, confirm: STRONG });
    const row = (await getOnboardingFunnel()).partners.find((p) => p.id === id)!;
    expect(row.inviteSentAt).not.toBeNull();
    expect(row.durations.toAccept).toBeGreaterThanOrEqual(0);
    expect(row.durations.total).toBeNull(); // no endpoint check, no delivery yet
  });
});
