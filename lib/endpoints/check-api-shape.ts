// The partner API's snake_case view of an endpoint check. The zod schema is what the OpenAPI
// document is generated from, and the integration test parses answers with it.
import { z } from "zod";
import { CHECK_STEPS, type EndpointCheckView } from "@/lib/endpoints/check-rules";

export const EndpointCheckJson = z.object({
  id: z.string(),
  endpoint_id: z.string(),
  passed: z.boolean().describe("True only when all three steps passed."),
  checked_at: z.iso.datetime(),
  steps: z.array(
    z.object({
      step: z.enum(CHECK_STEPS).describe("signed: a correctly signed test event, must be 2xx. replay: the same event again (same webhook-id), must be 2xx. wrong_signature: an event signed with a wrong secret, must not be 2xx."),
      passed: z.boolean().nullable().describe("null: not run, or the answer proves nothing yet (the message says why)."),
      status_code: z.number().int().nullable(),
      latency_ms: z.number().int().nullable(),
      message: z.string().describe("What happened, in plain language."),
      hint: z.string().nullable().describe("The fix, when something needs fixing."),
    }),
  ),
});

export function toApiCheck(c: EndpointCheckView): z.infer<typeof EndpointCheckJson> {
  return {
    id: c.id,
    endpoint_id: c.endpointId,
    passed: c.passed,
    checked_at: c.checkedAt,
    steps: c.steps.map((s) => ({ step: s.step, passed: s.passed, status_code: s.statusCode, latency_ms: s.latencyMs, message: s.message, hint: s.hint })),
  };
}
