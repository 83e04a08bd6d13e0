import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

// One-time links (invites, first password, password reset) carry `<rowId>.<secret>`. Only the
// SHA-256 of the secret is stored: a database leak reveals no usable link. The row is found by
// its id and the secret compared in constant time, so a tampered link is told apart from an
// expired or used one without the comparison leaking how much of it matched.

export type IssuedToken = { secret: string; hash: string };

export function issueSecret(): IssuedToken {
  const secret = randomBytes(32).toString("base64url");
  return { secret, hash: hashSecret(secret) };
}

export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");

export const formatToken = (rowId: string, secret: string) => `${rowId}.${secret}`;

export function parseToken(token: string): { rowId: string; secret: string } | null {
  const match = /^([a-z0-9]{10,40})\.([A-Za-z0-9_-]{20,100})$/.exec(token.trim());
  return match ? { rowId: match[1]!, secret: match[2]! } : null;
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

export type TokenProblem = "invalid" | "expired" | "used" | "revoked";

/** Why a link can't be used, in words for the page that says so. */
export const TOKEN_PROBLEM_MESSAGE: Record<TokenProblem, string> = {
  invalid: "This link is not valid: it may have been copied incompletely or changed.",
  expired: "This link has expired.",
  used: "This link has already been used.",
  revoked: "This invitation was withdrawn.",
};
