// The canonical v2 payload (SPEC "Payload contract"). It is built once when the event is
// accepted, stored in OrderEvent.payload, and every rendering (v1, XML) derives from it.
//
// Shape rule: every key is always present, and every group (`rider`, `delivery`, `failure`,
// `returns`, `delivery.eta_window`) is always an object whose leaves are null when they do not
// apply, so the set of key paths is the same for every event and a receiver can read
// payload.rider.name or payload.failure.reason_code on any event without a guard.
// `sequence` numbers each order's events 1, 2, 3 … in the order they were recorded; the
// database assigns it in the statement that records the event (lib/orders/record-event.ts).
import { z } from "zod";
import {
  CONFIRMATION_METHODS,
  EVENT_TYPES,
  FAILURE_REASON_CODES,
  ORDER_STATUSES,
  RETURN_CONDITIONS,
  STATUS_FOR_EVENT,
} from "@/lib/events/catalog";
import type { IngestEventBody } from "@/lib/events/input";
import { maskPhone } from "@/lib/events/mask";

// `.nullable()` without `.optional()`: the key must be present, its value may be null.
const utc = z.iso.datetime(); // zod's default: UTC with a trailing Z only

export const PayloadV2Schema = z
  .strictObject({
    schema_version: z.literal("v2"),
    event_id: z.string().min(1).describe("Unique per event and the same on every retry (it is also the webhook-id header)."),
    event: z.enum(EVENT_TYPES),
    occurred_at: utc,
    order_id: z.string().min(1),
    merchant_order_ref: z.string(),
    customer_id: z.string(),
    status: z.enum(ORDER_STATUSES),
    // Filled on out_for_delivery, delivered and delivery_failed; leaves null otherwise.
    rider: z
      .strictObject({ name: z.string().nullable(), phone_masked: z.string().nullable() })
      .describe("Filled on out_for_delivery, delivered and delivery_failed; leaves null on the other events. The phone is masked."),
    sequence: z
      .int()
      .min(1)
      .describe("1, 2, 3 … per order, in the order its events were recorded. Apply an event only if its sequence is above the last one applied for its order_id."),
    delivery: z.strictObject({
      otp: z.string().nullable(),
      eta_window: z.strictObject({ from: utc.nullable(), to: utc.nullable() }),
      delivered_at: utc.nullable(),
      confirmation_method: z.enum(CONFIRMATION_METHODS).nullable(),
    }),
    failure: z.strictObject({
      reason_code: z.enum(FAILURE_REASON_CODES).nullable(),
      rescheduled_for: utc.nullable(),
    }),
    returns: z.strictObject({
      initiated_at: utc.nullable(),
      reason_code: z.string().nullable(),
      condition: z.enum(RETURN_CONDITIONS).nullable(),
      pickup_eta: utc.nullable(),
    }),
    // Only on test events ("Send Test Event"); real events never carry the key.
    test: z.literal(true).optional().describe("Present (true) only on test sends; real events never carry the key."),
  })
  .refine((p) => STATUS_FOR_EVENT[p.event] === p.status, {
    path: ["status"],
    error: "does not match the event type",
  });
export type PayloadV2 = z.infer<typeof PayloadV2Schema>;
/** A payload before the database has numbered it (record-event.ts adds `sequence` in SQL). */
export type UnsequencedPayloadV2 = Omit<PayloadV2, "sequence">;

/** The details of one event: the parsed ingest body, or order creation's order_confirmed. */
export type EventDetails = IngestEventBody | { event: "order_confirmed" };

export type BuildPayloadInput = {
  eventId: string; // stable across retries: it becomes the webhook-id header too
  occurredAt: Date | string; // authoritative; the body's occurred_at is ignored here
  order: { id: string; merchantOrderRef: string; customerId: string }; // a Prisma Order fits
  /** The order's current rider (Prisma Rider fits). Used by delivered/delivery_failed;
   *  out_for_delivery uses details.rider, the rider being assigned by that event. */
  rider?: { name: string; phone: string | null } | null;
  details: EventDetails;
};

/** Normalises any parseable date (offset or not) to ISO-8601 UTC with `Z`. */
export function toUtcIso(value: Date | string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`Invalid date-time: ${String(value)}`);
  return date.toISOString();
}
const optionalUtc = (value: string | undefined) => (value === undefined ? null : toUtcIso(value));

/** The payload of an event whose per-order sequence number is already known (samples, tests). */
export function buildPayloadV2(input: BuildPayloadInput & { sequence: number }): PayloadV2 {
  return withSequence(buildUnsequencedPayloadV2(input), input.sequence);
}

/** Puts `sequence` in its documented place (after rider) without re-validating; a number
 *  already there is replaced. */
export function withSequence(payload: UnsequencedPayloadV2, sequence: number): PayloadV2 {
  const { schema_version, event_id, event, occurred_at, order_id, merchant_order_ref, customer_id, status, rider, ...rest } = payload;
  const groups: Omit<typeof rest, "sequence"> & { sequence?: number } = { ...rest };
  delete groups.sequence;
  return { schema_version, event_id, event, occurred_at, order_id, merchant_order_ref, customer_id, status, rider, sequence, ...groups };
}

/**
 * Everything but `sequence`: what ingest builds before its one statement, which numbers the
 * event and stores the payload with the number in place.
 */
export function buildUnsequencedPayloadV2(input: BuildPayloadInput): UnsequencedPayloadV2 {
  const { details } = input;
  const occurredAt = toUtcIso(input.occurredAt);
  const riderSource = details.event === "out_for_delivery" ? details.rider : input.rider;
  const carriesRider = ["out_for_delivery", "delivered", "delivery_failed"].includes(details.event);
  // An order only reaches delivered/delivery_failed through out_for_delivery, which assigns
  // a rider; a missing one is a data bug and must not go out as a payload without its rider.
  if (carriesRider && !riderSource) {
    throw new Error(`${details.event} payload for order ${input.order.id} needs the order's rider`);
  }
  const ofd = details.event === "out_for_delivery" ? details : null;
  const del = details.event === "delivered" ? details : null;
  const fail = details.event === "delivery_failed" ? details : null;
  const ret = details.event === "return_initiated" ? details : null;

  // Key order here is the documented order; JSON.stringify keeps it.
  return {
    schema_version: "v2",
    event_id: input.eventId,
    event: details.event,
    occurred_at: occurredAt,
    order_id: input.order.id,
    merchant_order_ref: input.order.merchantOrderRef,
    customer_id: input.order.customerId,
    status: STATUS_FOR_EVENT[details.event],
    rider: carriesRider && riderSource ? { name: riderSource.name, phone_masked: maskPhone(riderSource.phone) } : { name: null, phone_masked: null },
    delivery: {
      otp: ofd?.otp ?? null,
      eta_window: { from: optionalUtc(ofd?.eta_window.from), to: optionalUtc(ofd?.eta_window.to) },
      delivered_at: del ? (optionalUtc(del.delivered_at) ?? occurredAt) : null, // default: occurred_at
      confirmation_method: del?.confirmation_method ?? null,
    },
    failure: {
      reason_code: fail?.reason_code ?? null,
      rescheduled_for: optionalUtc(fail?.rescheduled_for),
    },
    returns: {
      initiated_at: ret ? occurredAt : null,
      reason_code: ret?.reason_code ?? null,
      condition: ret?.condition ?? null,
      pickup_eta: optionalUtc(ret?.pickup_eta),
    },
  };
}

/** Marks a payload as a test event. Only "Send Test Event" payloads may carry this. */
export function withTestFlag(payload: PayloadV2): PayloadV2 {
  return { ...payload, test: true };
}

/** Re-reads a stored payload (Postgres jsonb reorders keys; parsing restores the canonical
 *  order, so retries send byte-identical bodies). Throws on a corrupt payload. */
export function parseStoredPayload(stored: unknown): PayloadV2 {
  return PayloadV2Schema.parse(stored);
}
