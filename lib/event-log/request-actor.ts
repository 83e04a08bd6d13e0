import "server-only";
import type { AuditEntry } from "@/lib/audit/record";
import type { RequestScope } from "@/lib/auth/request-scope";
import { db } from "@/lib/db/client";

/**
 * Who is acting, for the audit log and DeliveryAttempt.triggeredBy: the signed-in person, or
 * for a partner API key no person (null id) and the key's name and prefix in their words.
 */
export async function actorFromRequestScope(scope: RequestScope): Promise<AuditEntry["actor"]> {
  if (scope.actor.kind === "user") return { id: scope.actor.scope.user.id, email: scope.actor.scope.user.email };
  const key = await db.apiKey.findUnique({ where: { id: scope.actor.apiKeyId }, select: { name: true, prefix: true } });
  return { id: null, email: key ? `API key "${key.name}" (${key.prefix}…)` : "API key" };
}
