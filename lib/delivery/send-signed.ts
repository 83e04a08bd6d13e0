import "server-only";
import { renderBody } from "@/lib/events/render";
import type { PayloadV2 } from "@/lib/events/payload-v2";
import type { PayloadFormat, SchemaVersion } from "@/lib/events/catalog";
import { signPayload } from "@/lib/delivery/signing";
import { sendHttpAttempt, type HttpAttemptResult } from "@/lib/delivery/http-attempt";
import { env } from "@/lib/env";
import { v1DeprecationHeaders } from "@/lib/sunset/policy";

export type SignedRequest = { url: string; body: string; headers: Record<string, string> };

/** Renders the payload the way the endpoint asked for, and signs those exact bytes. */
export function buildSignedRequest(input: {
  url: string;
  payload: PayloadV2;
  format: PayloadFormat;
  schemaVersion: SchemaVersion;
  secrets: string[];
  now?: Date;
}): SignedRequest {
  const { body, contentType } = renderBody(input.payload, { format: input.format, schemaVersion: input.schemaVersion });
  const signature = signPayload({ secrets: input.secrets, msgId: input.payload.event_id, timestamp: input.now ?? new Date(), body });
  // Every v1 delivery says when v1 ends (RFC 9745 Deprecation, RFC 8594 Sunset; lib/sunset).
  const sunset = input.schemaVersion === "v1" ? v1DeprecationHeaders(env.V1_SUNSET_DATE) : {};
  return { url: input.url, body, headers: { "content-type": contentType, ...sunset, ...signature } };
}

export function sendSigned(request: SignedRequest, timeoutMs: number): Promise<HttpAttemptResult> {
  return sendHttpAttempt({ ...request, timeoutMs, allowHosts: env.WEBHOOK_ALLOW_HOSTS });
}
