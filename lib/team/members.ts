// lib/team owns a partner's people: members, roles and invitations.
import "server-only";
import { db } from "@/lib/db/client";
import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import { AppError, notFound } from "@/lib/errors";
import { inviteState, TEAM_ROLES, wouldLeaveNoAdmin, type TeamRole } from "@/lib/team/rules";
import { z } from "zod";
import type { Tx } from "@/lib/db/types";

type Actor = AuditEntry["actor"];

/** The Team page: people with access and invitations not yet accepted (never token hashes). */
export async function listTeam(partnerId: string) {
  const [members, invites] = await Promise.all([
    db.user.findMany({
      where: { partnerId },
      orderBy: [{ role: "asc" }, { name: "asc" }],
      select: { id: true, name: true, email: true, role: true, lastLoginAt: true, createdAt: true },
    }),
    db.invite.findMany({
      where: { partnerId, acceptedAt: null, revokedAt: null },
      orderBy: { createdAt: "desc" },
      select: { id: true, email: true, role: true, expiresAt: true, lastSentAt: true, acceptedAt: true, revokedAt: true },
    }),
  ]);
  return {
    members: members.map((m) => ({ ...m, role: m.role as TeamRole })),
    invites: invites.map(({ acceptedAt, revokedAt, ...i }) => ({ ...i, role: i.role as TeamRole, state: inviteState({ acceptedAt, revokedAt, expiresAt: i.expiresAt }) })),
  };
}
export type TeamView = Awaited<ReturnType<typeof listTeam>>;

const roleSchema = z.enum(TEAM_ROLES, "Choose a role: admin or member");

async function requireMember(partnerId: string, userId: string) {
  const user = await db.user.findFirst({ where: { id: userId, partnerId }, select: { id: true, email: true, role: true } });
  if (!user) throw notFound("Team member");
  return user;
}

/** Admins of the partner, with the partner row locked: two admins demoting each other at once can't both win. */
async function lockedAdmins(tx: Tx, partnerId: string) {
  await tx.$queryRaw`SELECT id FROM "Partner" WHERE id = ${partnerId} FOR UPDATE`;
  return tx.user.findMany({ where: { partnerId, role: "partner_admin" }, select: { id: true } });
}

export async function changeMemberRole(partnerId: string, userId: string, role: TeamRole, actor: Actor) {
  const newRole = roleSchema.parse(role);
  const user = await requireMember(partnerId, userId);
  if (user.role === newRole) return { id: user.id, role: newRole };
  await db.$transaction(async (tx) => {
    if (wouldLeaveNoAdmin(await lockedAdmins(tx, partnerId), user.id, newRole)) {
      throw new AppError("conflict", `${user.email} is the last admin. Make someone else an admin first.`);
    }
    await tx.user.update({ where: { id: user.id }, data: { role: newRole } });
    await recordAudit({ actor, partnerId, action: "user.role_changed", targetType: "user", targetId: user.id, metadata: { email: user.email, from: user.role, to: newRole } }, tx);
  });
  return { id: user.id, role: newRole };
}

/**
 * Removes a person from the partner. Their row is deleted, so their session fails the check
 * every request makes (lib/auth/config.ts) and ends on their next click, not when the JWT expires.
 */
export async function removeMember(partnerId: string, userId: string, actor: Actor) {
  const user = await requireMember(partnerId, userId);
  await db.$transaction(async (tx) => {
    if (wouldLeaveNoAdmin(await lockedAdmins(tx, partnerId), user.id, null)) {
      throw new AppError("conflict", `${user.email} is the last admin and can't be removed. Make someone else an admin first.`);
    }
    await tx.user.delete({ where: { id: user.id } });
    await recordAudit({ actor, partnerId, action: "user.removed", targetType: "user", targetId: user.id, metadata: { email: user.email, role: user.role } }, tx);
  });
  return { id: user.id };
}
