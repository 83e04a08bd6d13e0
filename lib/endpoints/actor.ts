import "server-only";
import { db } from "@/lib/db/client";
import { requireAdmin, type Scope } from "@/lib/auth/session";
import type { RequestScope } from "@/lib/auth/request-scope";
import type { AuditEntry } from "@/lib/audit/record";

// Who is acting on an endpoint, in the form the audit log and DeliveryAttempt.triggeredBy take.
// Reading and test sends are open to every partner user; changes need a partner admin, support
// staff, or a partner API key (which only an admin can create).
export type Actor = AuditEntry["actor"];

export const actorFromScope = (scope: Scope): Actor => ({ id: scope.user.id, email: scope.user.email });

/** For dashboard actions that change an endpoint: members are refused with a sentence. */
export function writerFromScope(scope: Scope): Actor {
  requireAdmin(scope);
  return actorFromScope(scope);
}

async function apiKeyActor(apiKeyId: string): Promise<Actor> {
  const key = await db.apiKey.findUnique({ where: { id: apiKeyId }, select: { name: true, prefix: true } });
  // The audit log names the key the way the Settings page lists it: name and prefix.
  return { id: null, email: key ? `API key "${key.name}" (${key.prefix}…)` : "API key" };
}

/** Who is acting on a partner API call (endpoints, retries): the signed-in person, or a partner API key by name. */
export async function actorFromRequest(scope: RequestScope): Promise<Actor> {
  return scope.actor.kind === "user" ? actorFromScope(scope.actor.scope) : apiKeyActor(scope.actor.apiKeyId);
}

/** For API calls that change an endpoint: a session member is refused; a partner key may. */
export async function writerFromRequest(scope: RequestScope): Promise<Actor> {
  if (scope.actor.kind === "user") return writerFromScope(scope.actor.scope);
  return apiKeyActor(scope.actor.apiKeyId);
}
