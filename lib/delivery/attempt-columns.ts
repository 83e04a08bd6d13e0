import type { HttpAttemptResult } from "@/lib/delivery/http-attempt";

/** What every stored attempt keeps of its HTTP result: webhook deliveries and test sends alike. */
export const attemptColumns = (result: HttpAttemptResult) => ({
  success: result.success,
  statusCode: result.statusCode,
  latencyMs: result.latencyMs,
  errorClass: result.errorClass,
  errorMessage: result.errorMessage,
  responseExcerpt: result.responseExcerpt,
  responseHeaders: result.responseHeaders,
});
