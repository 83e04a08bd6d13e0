import { z } from "zod";

// One error type for expected failures: a code for machines, a message a person can act on,
// and the HTTP status. Anything else becomes a generic 500 that shows no internals.
export type AppErrorCode =
  | "bad_request"
  | "validation_failed"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "request_timeout"
  | "conflict"
  | "invalid_transition"
  | "limit_reached"
  | "payload_too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "overloaded"
  | "internal";

const STATUS: Record<AppErrorCode, number> = {
  bad_request: 400,
  validation_failed: 422,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  request_timeout: 408,
  conflict: 409,
  invalid_transition: 409,
  limit_reached: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  overloaded: 503,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
    this.status = STATUS[code];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} not found.`);

/** One line per bad field, naming its path: "eta_window.to: Invalid ISO datetime". */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "body"}: ${issue.message}`)
    .join("; ");
}

export function validationError(error: z.ZodError) {
  return new AppError("validation_failed", describeZodError(error), { issues: error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) });
}

export function toErrorBody(error: unknown): { status: number; body: { error: { code: AppErrorCode; message: string; details?: unknown } } } {
  if (error instanceof AppError) {
    return { status: error.status, body: { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } } };
  }
  if (error instanceof z.ZodError) return toErrorBody(validationError(error));
  return { status: 500, body: { error: { code: "internal", message: "Something went wrong on our side. It has been logged; please try again." } } };
}
