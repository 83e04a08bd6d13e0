// Turning zod issues into the one-line 400 message the machine API returns. Kept apart
// from the schemas so any route (orders, events, endpoints) can reuse it.
import type { z } from "zod";

// Friendlier defaults than zod's "Invalid input: expected string, received undefined",
// applied per parse so nobody else's schemas are affected. Messages set on a schema win.
const friendlyErrors: z.core.$ZodErrorMap = (iss) => {
  const missing = iss.input === undefined;
  if (iss.code === "invalid_type") return missing ? "is required" : `must be ${article(iss.expected)}`;
  if (iss.code === "invalid_value") return `${missing ? "is required; " : ""}must be one of ${iss.values.map(String).join(", ")}`;
  if (iss.code === "invalid_union" && "discriminator" in iss && Array.isArray(iss.options)) {
    // Here iss.input is the whole object, not the discriminator's value.
    const sent = (iss.input as Record<string, unknown> | null)?.[String(iss.discriminator)];
    // order_confirmed is the one event type that has its own endpoint: say where it goes.
    const hint =
      sent === undefined ? "is required; "
      : sent === "order_confirmed" ? "order_confirmed is recorded by POST /api/v1/orders; "
      : "";
    return `${hint}must be one of ${iss.options.map(String).join(", ")}`;
  }
  if (iss.code === "too_small" && iss.origin === "string") {
    return Number(iss.minimum) === 1 ? "must not be empty" : `must be at least ${iss.minimum} characters`;
  }
  if (iss.code === "too_big" && iss.origin === "string") return `must be at most ${iss.maximum} characters`;
  return undefined; // zod's own message
};
const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

/** One line naming every bad field, e.g. `eta_window.to: must be after eta_window.from`. */
export function formatZodError(error: z.ZodError): string {
  const parts: string[] = [];
  for (const issue of error.issues) {
    const base = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) parts.push(`${base ? `${base}.` : ""}${key}: unknown field`);
    } else {
      parts.push(`${base || "body"}: ${issue.message}`);
    }
  }
  return [...new Set(parts)].join("; ");
}

export type ParseResult<T> =
  | { ok: true; data: T }
  | { ok: false; message: string; issues: z.core.$ZodIssue[] };

/** safeParse with the friendly messages above and a one-line summary for the 400 body. */
export function parseInput<S extends z.ZodType>(schema: S, body: unknown): ParseResult<z.infer<S>> {
  const result = schema.safeParse(body, { error: friendlyErrors });
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, message: formatZodError(result.error), issues: result.error.issues };
}
