// Request bodies of the machine API (the OMS, dispatch system and rider app):
//   POST /api/v1/orders                    -> CreateOrderBodySchema
//   POST /api/v1/orders/{orderId}/events   -> IngestEventBodySchema
// Every object is strict: a misspelt key is a bug on the sender's side and silently
// dropping it would lose data, so it is rejected with the key named.
import { z } from "zod";
import { CONFIRMATION_METHODS, FAILURE_REASON_CODES, RETURN_CONDITIONS } from "@/lib/events/catalog";
import { parseInput } from "@/lib/events/zod-errors";

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

// Re-exported so routes need one import for body parsing.
export { formatZodError, parseInput, type ParseResult } from "@/lib/events/zod-errors";
export const parseIngestEventBody = (body: unknown) => parseInput(IngestEventBodySchema, body);
export const parseCreateOrderBody = (body: unknown) => parseInput(CreateOrderBodySchema, body);
