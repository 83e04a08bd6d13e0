import "server-only";
import { db } from "@/lib/db/client";
import { openSecret } from "@/lib/crypto/keyring";
import type { DeliveryStatus, PayloadFormat, SchemaVersion } from "@/lib/db/generated/enums";

type Row = {
  id: string;
  status: DeliveryStatus;
  attempt_count: number;
  endpoint_id: string;
  payload: unknown;
  url: string;
  format: PayloadFormat;
  schema_version: SchemaVersion;
  enabled: boolean;
  disabled_reason: string | null;
  retry_schedule: number[];
  timeout_ms: number;
  secrets: string[];
};

/** Everything one attempt needs, in one query (it runs once per attempt, on the hot path). */
export async function loadDeliveryForAttempt(deliveryId: string) {
  const rows = await db.$queryRaw<Row[]>`
    SELECT d.id, d.status, d."attemptCount" AS attempt_count, d."endpointId" AS endpoint_id, e.payload,
           ep.url, ep.format, ep."schemaVersion" AS schema_version, ep.enabled, ep."disabledReason" AS disabled_reason,
           p."retrySchedule" AS retry_schedule, p."timeoutMs" AS timeout_ms,
           ARRAY(SELECT s."encryptedSecret" FROM "EndpointSecret" s
                  WHERE s."endpointId" = ep.id AND (s."expiresAt" IS NULL OR s."expiresAt" > now())
                  ORDER BY s."createdAt" DESC) AS secrets
      FROM "Delivery" d
      JOIN "OrderEvent" e ON e.id = d."eventId"
      JOIN "Endpoint" ep ON ep.id = d."endpointId"
      JOIN "Partner" p ON p.id = d."partnerId"
     WHERE d.id = ${deliveryId}`;
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    status: row.status,
    attemptCount: row.attempt_count,
    endpointId: row.endpoint_id,
    payload: row.payload,
    endpoint: { url: row.url, format: row.format, schemaVersion: row.schema_version, enabled: row.enabled, disabledReason: row.disabled_reason },
    partner: { retrySchedule: row.retry_schedule, timeoutMs: row.timeout_ms },
    secrets: row.secrets.map(openSecret),
  };
}

export type LoadedDelivery = NonNullable<Awaited<ReturnType<typeof loadDeliveryForAttempt>>>;
