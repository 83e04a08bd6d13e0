import "server-only";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/types";
import type { UserTokenPurpose } from "@/lib/db/generated/enums";
import { env } from "@/lib/env";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { checkPasswordStrength } from "@/lib/auth/password-strength";
import { formatToken, issueSecret, parseToken, secretMatches } from "@/lib/auth/one-time-token";

// One-time links that let a known user choose a password: the first one (support staff created
// from the command line) and a reset. One page, /reset-password/<token>, serves both.

export type { UserTokenPurpose };
export type UserTokenProblem = "invalid" | "expired" | "used";
export type TokenUser = { id: string; email: string; name: string; partnerId: string | null };

export const RESET_LINK_TTL_MS = 60 * 60 * 1000;
export const SET_PASSWORD_LINK_TTL_MS = 24 * 60 * 60 * 1000;

/** A new link for the user; `client` lets a caller issue it inside its own transaction. */
export async function issueUserToken(
  userId: string,
  purpose: UserTokenPurpose,
  ttlMs: number,
  client: Pick<Tx, "userToken"> = db,
): Promise<{ url: string; expiresAt: Date }> {
  const { secret, hash } = issueSecret();
  const expiresAt = new Date(Date.now() + ttlMs);
  const row = await client.userToken.create({ data: { userId, purpose, tokenHash: hash, expiresAt } });
  return { url: new URL(`/reset-password/${formatToken(row.id, secret)}`, env.APP_URL).toString(), expiresAt };
}

export type TokenLookup = { ok: true; tokenId: string; purpose: UserTokenPurpose; user: TokenUser } | { ok: false; problem: UserTokenProblem };

/** What the link's page shows: whose password it sets, or why it can't be used. Changes nothing. */
export async function inspectUserToken(token: string): Promise<TokenLookup> {
  const parsed = parseToken(token);
  if (!parsed) return { ok: false, problem: "invalid" };
  const row = await db.userToken.findUnique({
    where: { id: parsed.rowId },
    include: { user: { select: { id: true, email: true, name: true, partnerId: true } } },
  });
  // A wrong secret for a real id reads exactly like an unknown id.
  if (!row || !secretMatches(parsed.secret, row.tokenHash)) return { ok: false, problem: "invalid" };
  if (row.usedAt) return { ok: false, problem: "used" };
  if (row.expiresAt <= new Date()) return { ok: false, problem: "expired" };
  return { ok: true, tokenId: row.id, purpose: row.purpose, user: row.user };
}

export type ConsumeResult =
  | { ok: true; user: TokenUser; purpose: UserTokenPurpose }
  | { ok: false; problem: UserTokenProblem }
  | { ok: false; problem: "weak_password"; message: string };

/**
 * Sets the password through a link, once: the token is claimed with a conditional update in
 * the same transaction that sets the password, so two submits at once cannot both succeed.
 * Ends every other session and every other outstanding link of the user.
 */
export async function consumeUserToken(token: string, newPassword: string): Promise<ConsumeResult> {
  const lookup = await inspectUserToken(token);
  if (!lookup.ok) return lookup;
  const { user, purpose, tokenId } = lookup;
  const strength = checkPasswordStrength(newPassword, passwordUserInputs(user));
  if (!strength.ok) return { ok: false, problem: "weak_password", message: strength.message };
  const passwordHash = await hashPassword(newPassword);

  const claimed = await db.$transaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.userToken.updateMany({ where: { id: tokenId, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (count === 0) return false;
    await storeNewPassword(tx, user.id, passwordHash);
    await recordAudit(
      { actor: { id: user.id, email: user.email }, partnerId: user.partnerId, action: purpose === "set_password" ? "user.password_set" : "user.password_reset", targetType: "user", targetId: user.id },
      tx,
    );
    return true;
  });
  if (claimed) return { ok: true, user, purpose };
  // Another submit got there first, or it expired between the look and the claim: say which.
  const again = await inspectUserToken(token);
  return { ok: false, problem: again.ok ? "used" : again.problem };
}

/**
 * The password write shared by links and the signed-in change: bumping sessionVersion signs
 * out every other session, and a link still in someone's inbox must not set the password again.
 */
export async function storeNewPassword(tx: Pick<Tx, "user" | "userToken">, userId: string, passwordHash: string) {
  const now = new Date();
  await tx.user.update({ where: { id: userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
  // Expired rather than marked used: the page then says "expired" and offers a new link,
  // which is true to what the person can do, instead of "already used" for a link they never clicked.
  await tx.userToken.updateMany({ where: { userId, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
}

/** Words an attacker tries first for this person: their email, name and the product's name. */
export const passwordUserInputs = (user: { email: string; name: string }) => [user.email, user.name, "waypoint"];
