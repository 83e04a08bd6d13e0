import "server-only";
import { hitRateLimit, peekRateLimit, RATE_LIMITS } from "@/lib/security/rate-limit";

// Only failed attempts count, so a busy office behind one address is never locked out by
// its own successful sign-ins; guessing a password is.
const keys = (email: string, address: string | null) => [
  [`signin:email:${email.trim().toLowerCase()}`, RATE_LIMITS.signInPerEmail] as const,
  ...(address ? [[`signin:ip:${address}`, RATE_LIMITS.signInPerAddress] as const] : []),
];

/** Seconds the caller must wait before another attempt (0 = go ahead). */
export async function signInRetryAfter(email: string, address: string | null): Promise<number> {
  const waits = await Promise.all(keys(email, address).map(([key, rule]) => peekRateLimit(key, rule)));
  return Math.max(0, ...waits);
}

export async function recordFailedSignIn(email: string, address: string | null) {
  for (const [key, rule] of keys(email, address)) await hitRateLimit(key, rule);
}

export const clientAddress = (headers: Headers) => headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || null;
