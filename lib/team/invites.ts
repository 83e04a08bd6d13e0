import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import { AppError, notFound } from "@/lib/errors";
import { formatToken, issueSecret } from "@/lib/auth/one-time-token";
import { sendMail } from "@/lib/mail/send-mail";
import { INVITE_TTL_MS, inviteInputSchema, inviteState, type InviteInput, type TeamRole } from "@/lib/team/rules";

type Actor = AuditEntry["actor"] & { name?: string };

const inviteUrl = (inviteId: string, secret: string) => `${env.APP_URL}/invite/${formatToken(inviteId, secret)}`;

/**
 * Invites someone to a partner by email. Only a hash of the link's secret is stored; the link
 * itself goes out by mail and is never shown or logged. An email that already has an account
 * is refused without saying which partner it belongs to.
 */
export async function createInvite(partnerId: string, input: InviteInput, actor: Actor) {
  const { email, role } = inviteInputSchema.parse(input);
  const partner = await db.partner.findUnique({ where: { id: partnerId }, select: { name: true } });
  if (!partner) throw notFound("Partner");
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) {
    throw new AppError("conflict", `${email} already has a Waypoint account. They can sign in, or use "Forgot password?" on the sign-in page.`);
  }
  const pending = await db.invite.findFirst({ where: { partnerId, email, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } }, select: { id: true } });
  if (pending) throw new AppError("conflict", `${email} already has a pending invitation. Resend it from the list instead.`);

  const { secret, hash } = issueSecret();
  const expiresAt = new Date(Date.now() + INVITE_TTL_MS);
  const invite = await db.$transaction(async (tx) => {
    const row = await tx.invite.create({ data: { partnerId, email, role, tokenHash: hash, expiresAt, invitedById: actor.id } });
    await tx.partner.updateMany({ where: { id: partnerId, firstInviteSentAt: null }, data: { firstInviteSentAt: row.createdAt } });
    await recordAudit({ actor, partnerId, action: "invite.created", targetType: "invite", targetId: row.id, metadata: { email, role } }, tx);
    return row;
  });
  await mailInvite({ partnerId, partnerName: partner.name, email, role, expiresAt, url: inviteUrl(invite.id, secret), inviterName: actor.name ?? actor.email });
  return { id: invite.id, email, role, expiresAt };
}

/** A fresh link (the old one stops working) and a fresh 7 days. */
export async function resendInvite(partnerId: string, inviteId: string, actor: Actor) {
  const invite = await db.invite.findFirst({ where: { id: inviteId, partnerId }, include: { partner: { select: { name: true } } } });
  if (!invite) throw notFound("Invitation");
  const state = inviteState(invite);
  if (state === "accepted" || state === "revoked") throw new AppError("conflict", `This invitation was ${state}; send a new one instead.`);
  const { secret, hash } = issueSecret();
  const expiresAt = new Date(Date.now() + INVITE_TTL_MS);
  await db.$transaction(async (tx) => {
    await tx.invite.update({ where: { id: invite.id }, data: { tokenHash: hash, expiresAt, lastSentAt: new Date() } });
    await recordAudit({ actor, partnerId, action: "invite.resent", targetType: "invite", targetId: invite.id, metadata: { email: invite.email } }, tx);
  });
  await mailInvite({ partnerId, partnerName: invite.partner.name, email: invite.email, role: invite.role as TeamRole, expiresAt, url: inviteUrl(invite.id, secret), inviterName: actor.name ?? actor.email });
  return { id: invite.id, expiresAt };
}

export async function revokeInvite(partnerId: string, inviteId: string, actor: Actor) {
  const { count } = await db.invite.updateMany({ where: { id: inviteId, partnerId, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count === 0) throw notFound("Pending invitation");
  await recordAudit({ actor, partnerId, action: "invite.revoked", targetType: "invite", targetId: inviteId });
  return { id: inviteId };
}

function mailInvite(m: { partnerId: string; partnerName: string; email: string; role: TeamRole; expiresAt: Date; url: string; inviterName: string }) {
  return sendMail({
    partnerId: m.partnerId,
    to: m.email,
    template: { kind: "invite", partnerName: m.partnerName, inviterName: m.inviterName, role: m.role, url: m.url, expiresAt: m.expiresAt },
  });
}
