import "server-only";
import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/password";
import { checkPasswordStrength } from "@/lib/auth/password-strength";
import { parseToken, secretMatches, type TokenProblem } from "@/lib/auth/one-time-token";
import { acceptInviteSchema, inviteState } from "@/lib/team/rules";
import { resendInvite } from "@/lib/team/invites";

export type InviteLookup =
  | { ok: true; invite: { id: string; email: string; role: string; partnerName: string; expiresAt: Date } }
  | { ok: false; problem: TokenProblem };

/** What the invite page shows for a link: who it is for, or why it can't be used. */
export async function inspectInvite(token: string): Promise<InviteLookup> {
  const parsed = parseToken(token);
  if (!parsed) return { ok: false, problem: "invalid" };
  const invite = await db.invite.findUnique({ where: { id: parsed.rowId }, include: { partner: { select: { name: true } } } });
  // A wrong secret for a real id reads exactly like an unknown id: "invalid".
  if (!invite || !secretMatches(parsed.secret, invite.tokenHash)) return { ok: false, problem: "invalid" };
  const state = inviteState(invite);
  if (state === "accepted") return { ok: false, problem: "used" };
  if (state !== "pending") return { ok: false, problem: state };
  return { ok: true, invite: { id: invite.id, email: invite.email, role: invite.role, partnerName: invite.partner.name, expiresAt: invite.expiresAt } };
}

/**
 * Turns a valid invite into an account. Single-use even when two tabs submit at once: the
 * invite is claimed with a conditional update inside the transaction that creates the user.
 */
export async function acceptInvite(token: string, input: { name: string; password: string; confirm: string }) {
  const lookup = await inspectInvite(token);
  if (!lookup.ok) throw new AppError("conflict", problemSentence(lookup.problem));
  const { name, password } = acceptInviteSchema.parse(input);
  const { invite } = lookup;
  const strength = checkPasswordStrength(password, [invite.email, name, invite.partnerName]);
  if (!strength.ok) throw new AppError("validation_failed", strength.message, { field: "password" });
  const passwordHash = await hashPassword(password);

  return db.$transaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.invite.updateMany({ where: { id: invite.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } }, data: { acceptedAt: now } });
    if (count === 0) throw new AppError("conflict", problemSentence("used"));
    if (await tx.user.findUnique({ where: { email: invite.email }, select: { id: true } })) {
      throw new AppError("conflict", `${invite.email} already has a Waypoint account. Sign in instead.`);
    }
    const row = await tx.invite.findUniqueOrThrow({ where: { id: invite.id }, select: { partnerId: true, role: true } });
    const user = await tx.user.create({ data: { email: invite.email, name, role: row.role, partnerId: row.partnerId, passwordHash } });
    await tx.partner.updateMany({ where: { id: row.partnerId, firstInviteAcceptedAt: null }, data: { firstInviteAcceptedAt: now } });
    await recordAudit({ actor: { id: user.id, email: user.email }, partnerId: row.partnerId, action: "invite.accepted", targetType: "user", targetId: user.id, metadata: { role: row.role } }, tx);
    return { email: user.email };
  });
}

/**
 * An expired link still proves its holder was invited: they may ask for a fresh one, which goes
 * to the invited address only (never to whoever asks), at most once every 5 minutes.
 */
export async function renewExpiredInvite(token: string): Promise<{ sentTo: string }> {
  const parsed = parseToken(token);
  const invite = parsed ? await db.invite.findUnique({ where: { id: parsed.rowId } }) : null;
  if (!parsed || !invite || !secretMatches(parsed.secret, invite.tokenHash)) throw new AppError("conflict", problemSentence("invalid"));
  if (inviteState(invite) !== "expired") throw new AppError("conflict", "Only an expired invitation can be renewed from its link.");
  if (Date.now() - invite.lastSentAt.getTime() < RENEW_INTERVAL_MS) throw new AppError("rate_limited", "A new link was sent a moment ago. Check your inbox (and spam folder).");
  await resendInvite(invite.partnerId, invite.id, { id: null, email: `${invite.email} (renewed from an expired link)` });
  return { sentTo: invite.email };
}

const RENEW_INTERVAL_MS = 5 * 60_000;

const problemSentence = (problem: TokenProblem) =>
  ({
    invalid: "This invitation link is not valid. Ask your admin to send a new one.",
    expired: "This invitation has expired. Ask your admin to resend it.",
    used: "This invitation has already been used. Sign in instead.",
    revoked: "This invitation was withdrawn. Ask your admin for a new one.",
  })[problem];
