import "server-only";
import { renderBody } from "@/lib/events/render";
import type { PayloadV2 } from "@/lib/events/payload-v2";
import type { PayloadFormat, SchemaVersion } from "@/lib/events/catalog";
import { signPayload } from "@/lib/delivery/signing";
import { sendHttpAttempt, type HttpAttemptResult } from "@/lib/delivery/http-attempt";
import { env } from "@/lib/env";

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
  return { url: input.url, body, headers: { "content-type": contentType, ...signature } };
}

export function sendSigned(request: SignedRequest, timeoutMs: number): Promise<HttpAttemptResult> {
  return sendHttpAttempt({ ...request, timeoutMs, allowHosts: env.WEBHOOK_ALLOW_HOSTS });
}
