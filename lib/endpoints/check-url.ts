import "server-only";
import { assertEndpointUrl } from "@/lib/delivery/url-guard";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

// Endpoint URLs are judged with the same guard the sender uses at connect time: HTTPS in
// production, no private/loopback/link-local/metadata targets, the env allow-list for local
// development and tests. DNS is resolved here, so callers do it before taking any lock.

/** Why a URL cannot be used, or null when it can. Never throws. */
export async function endpointUrlProblem(url: string): Promise<string | null> {
  const check = await assertEndpointUrl(url.trim(), { allowHosts: env.WEBHOOK_ALLOW_HOSTS, requireHttps: env.WEBHOOK_REQUIRE_HTTPS });
  return check.ok ? null : check.reason;
}

/** Throws a 422 naming the field, in the same "field: reason" form as every other bad input. */
export async function assertUsableUrl(url: string): Promise<void> {
  const reason = await endpointUrlProblem(url);
  if (reason) throw new AppError("validation_failed", `url: ${reason}`, { issues: [{ path: "url", message: reason }] });
}
