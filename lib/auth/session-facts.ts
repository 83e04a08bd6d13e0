import "server-only";
import { db } from "@/lib/db/client";

/** What a session must agree with on every request; null when the user no longer exists. */
export function currentSessionFacts(userId: string | undefined) {
  if (!userId) return Promise.resolve(null);
  return db.user.findUnique({ where: { id: userId }, select: { role: true, partnerId: true, name: true, sessionVersion: true } });
}
