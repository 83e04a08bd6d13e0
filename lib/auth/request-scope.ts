import "server-only";
import { authenticateApiKey } from "@/lib/api-keys/authenticate";
import { requirePartnerScope, type Scope } from "@/lib/auth/session";

export type RequestScope = { partnerId: string; actor: { kind: "user"; scope: Scope } | { kind: "api_key"; apiKeyId: string } };

/**
 * For the partner API: a partner API key (`Authorization: Bearer wp_live_…`) or the dashboard
 * session. Either way the answer is one partner id that every query filters by.
 */
export async function requireRequestScope(request: Request): Promise<RequestScope> {
  if (request.headers.get("authorization")) {
    const principal = await authenticateApiKey(request, "partner");
    return { partnerId: principal.partnerId!, actor: { kind: "api_key", apiKeyId: principal.apiKeyId } };
  }
  const scope = await requirePartnerScope();
  return { partnerId: scope.partnerId, actor: { kind: "user", scope } };
}
