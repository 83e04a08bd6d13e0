// Request bodies of the machine API (the OMS, dispatch system and rider app):
//   POST /api/v1/orders                    -> CreateOrderBodySchema
//   POST /api/v1/orders/{orderId}/events   -> IngestEventBodySchema
// Every object is strict: a misspelt key is a bug on the sender's side and silently
// dropping it would lose data, so it is rejected with the key named.
import { z } from "zod";
import {
  CONFIRMATION_METHODS,
  FAILURE_REASON_CODES,
  INGEST_EVENT_TYPES,
  RETURN_CONDITIONS,
} from "@/lib/events/catalog";

// The offset is required: a local time without one is ambiguous for a rider in IST and a
// server in UTC. Payloads normalise to UTC later (payload-v2.ts).
const isoDateTime = z.iso.datetime({
  offset: true,
  error: "must be an ISO-8601 date-time with a timezone, e.g. 2026-05-01T14:30:00+05:30",
});
const phone = z
  .string()
  .trim()
  .regex(/^\+?\d{8,15}$/, { error: "must be a phone number: 8-15 digits, optional leading +" });
const text = (max: number) => z.string().trim().min(1).max(max);
const occurredAt = isoDateTime.optional(); // absent means "now", decided by the API

const RiderInputSchema = z.strictObject({ name: text(120), phone, id: text(64).optional() });

const EtaWindowSchema = z
  .strictObject({ from: isoDateTime, to: isoDateTime })
  .refine((w) => Date.parse(w.to) > Date.parse(w.from), {
    path: ["to"],
    error: "must be after eta_window.from",
  });

const OutForDeliveryBody = z.strictObject({
  event: z.literal("out_for_delivery"),
  occurred_at: occurredAt,
  rider: RiderInputSchema,
  otp: z.string().regex(/^\d{4,6}$/, { error: "must be a string of 4-6 digits" }),
  eta_window: EtaWindowSchema,
});
const DeliveredBody = z.strictObject({
  event: z.literal("delivered"),
  occurred_at: occurredAt,
  delivered_at: isoDateTime.optional(), // defaults to occurred_at in the payload
  confirmation_method: z.enum(CONFIRMATION_METHODS),
});
const DeliveryFailedBody = z.strictObject({
  event: z.literal("delivery_failed"),
  occurred_at: occurredAt,
  reason_code: z.enum(FAILURE_REASON_CODES),
  rescheduled_for: isoDateTime.optional(),
});
const ReturnInitiatedBody = z.strictObject({
  event: z.literal("return_initiated"),
  occurred_at: occurredAt,
  reason_code: text(64),
  condition: z.enum(RETURN_CONDITIONS),
  pickup_eta: isoDateTime.optional(),
});

export const IngestEventBodySchema = z.discriminatedUnion("event", [
  OutForDeliveryBody,
  DeliveredBody,
  DeliveryFailedBody,
  ReturnInitiatedBody,
]);
export type IngestEventBody = z.infer<typeof IngestEventBodySchema>;
export type RiderInput = z.infer<typeof RiderInputSchema>;

export const CreateOrderBodySchema = z.strictObject({
  partner_id: text(64).optional(), // only honoured for keys not bound to one partner
  merchant_order_ref: text(64),
  customer_id: text(64),
  customer_name: text(120),
  customer_phone: phone,
  occurred_at: occurredAt,
});
export type CreateOrderBody = z.infer<typeof CreateOrderBodySchema>;

// Friendlier defaults than zod's "Invalid input: expected string, received undefined",
// applied per parse so nobody else's schemas are affected. Messages set on a schema win.
const friendlyErrors: z.core.$ZodErrorMap = (iss) => {
  if (iss.code === "invalid_type") {
    return iss.input === undefined ? "is required" : `must be ${article(iss.expected)}`;
  }
  if (iss.code === "invalid_union" && "discriminator" in iss) {
    const sent = (iss.input as Record<string, unknown> | null)?.[iss.discriminator as string];
    const hint =
      sent === undefined
        ? "is required; "
        : sent === "order_confirmed"
          ? "order_confirmed is recorded by POST /api/v1/orders; "
          : "";
    return `${hint}must be one of ${INGEST_EVENT_TYPES.join(", ")}`;
  }
  if (iss.code === "invalid_value") {
    const required = iss.input === undefined ? "is required; " : "";
    return `${required}must be one of ${iss.values.map(String).join(", ")}`;
  }
  if (iss.code === "too_small" && iss.origin === "string") {
    return Number(iss.minimum) === 1 ? "must not be empty" : `must be at least ${iss.minimum} characters`;
  }
  if (iss.code === "too_big" && iss.origin === "string") return `must be at most ${iss.maximum} characters`;
  return undefined;
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
export const parseIngestEventBody = (body: unknown) => parseInput(IngestEventBodySchema, body);
export const parseCreateOrderBody = (body: unknown) => parseInput(CreateOrderBodySchema, body);
