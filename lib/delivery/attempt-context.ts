import "server-only";
import { openSecret } from "@/lib/crypto/keyring";
import type { DeliveryStatus, PayloadFormat, SchemaVersion } from "@/lib/db/generated/enums";
import { sql } from "@/lib/db/sql";
import type { AttemptTrigger } from "@/lib/delivery/outcome";
import { buildSignedRequest, type SignedRequest } from "@/lib/delivery/send-signed";
import type { PayloadV2 } from "@/lib/events/payload-v2";

/** A delivery with everything its attempt needs, read in one statement. */
export type AttemptContext = {
  id: string;
  eventId: string;
  endpointId: string;
  status: DeliveryStatus;
  attemptCount: number;
  payload: unknown;
  url: string;
  format: PayloadFormat;
  schemaVersion: SchemaVersion;
  enabled: boolean;
  disabledReason: string | null;
  rateLimitPerSecond: number | null;
  retrySchedule: number[];
  timeoutMs: number;
  /** Still sealed (AES-GCM); newest first. */
  sealedSecrets: string[];
};

/**
 * The context of every delivery row in `source` (a table or CTE name exposing id, "eventId",
 * "endpointId", "partnerId", status and "attemptCount"): the engine's claim and the single-row
 * load of the Inngest/manual path read exactly the same columns.
 */
export const attemptContextFrom = (source: string) => `
SELECT c.id, c."eventId", c."endpointId", c.status::text AS status, c."attemptCount", e.payload,
       ep.url, ep.format::text AS format, ep."schemaVersion"::text AS "schemaVersion", ep.enabled, ep."disabledReason", ep."rateLimitPerSecond",
       p."retrySchedule", p."timeoutMs",
       ARRAY(SELECT s."encryptedSecret" FROM "EndpointSecret" s
              WHERE s."endpointId" = ep.id AND (s."expiresAt" IS NULL OR s."expiresAt" > now())
              ORDER BY s."createdAt" DESC) AS "sealedSecrets"
  FROM ${source} c
  JOIN "OrderEvent" e ON e.id = c."eventId"
  JOIN "Endpoint" ep ON ep.id = c."endpointId"
  JOIN "Partner" p ON p.id = c."partnerId"`;

const LOAD_SQL = `WITH one AS (SELECT * FROM "Delivery" WHERE id = $1) ${attemptContextFrom("one")}`;

/** One delivery's context (runs once per Inngest or manual attempt). */
export async function loadAttemptContext(deliveryId: string): Promise<AttemptContext | null> {
  const [row] = await sql().query<AttemptContext>(LOAD_SQL, [deliveryId], "waypoint_load_attempt_context");
  return row ?? null;
}

/** Why no HTTP attempt may be made (the delivery is then dead-lettered), or null. A person's
 *  manual retry still goes to a disabled endpoint; a missing secret stops both. */
export function whyNoAttempt(ctx: AttemptContext, trigger: AttemptTrigger): string | null {
  if (!ctx.enabled && trigger === "automatic") return `Endpoint is disabled${ctx.disabledReason ? `: ${ctx.disabledReason}` : ""}`;
  if (ctx.sealedSecrets.length === 0) return "Endpoint has no signing secret";
  return null;
}

/** The rendered, signed request for this delivery's endpoint. */
export function signedRequestFor(ctx: AttemptContext): SignedRequest {
  return buildSignedRequest({
    url: ctx.url,
    payload: ctx.payload as PayloadV2, // renderBody validates it against the contract
    format: ctx.format,
    schemaVersion: ctx.schemaVersion,
    secrets: ctx.sealedSecrets.map(openCached),
  });
}

// Opening a sealed secret is an AES-GCM decrypt per attempt; endpoints have one or two live
// secrets, so a small map keeps the plaintext in this process only (as signing needs anyway).
const opened = new Map<string, string>();
function openCached(sealed: string): string {
  let plain = opened.get(sealed);
  if (plain === undefined) {
    if (opened.size >= 10_000) opened.clear();
    plain = openSecret(sealed);
    opened.set(sealed, plain);
  }
  return plain;
}
