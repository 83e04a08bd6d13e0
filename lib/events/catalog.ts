// lib/events owns the event contract: catalogue, transitions, API input, payload v1/v2, rendering (JSON, XML).

// The event catalogue: the five delivery moments, the order status each one sets, and the
// labels the dashboard, tracking page and docs show. Pure data, safe in client components.
import type {
  EventType as PrismaEventType,
  OrderStatus as PrismaOrderStatus,
} from "@/lib/db/generated/enums";

// Declared here (not imported from Prisma) so the browser bundle never touches generated
// client code; the type-level checks at the bottom fail the build if schema.prisma drifts.
export const EVENT_TYPES = [
  "order_confirmed",
  "out_for_delivery",
  "delivered",
  "delivery_failed",
  "return_initiated",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const ORDER_STATUSES = [
  "confirmed",
  "out_for_delivery",
  "delivered",
  "delivery_failed",
  "return_initiated",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

// order_confirmed is written by order creation (POST /api/v1/orders), never by the events API.
export const INGEST_EVENT_TYPES = [
  "out_for_delivery",
  "delivered",
  "delivery_failed",
  "return_initiated",
] as const satisfies readonly EventType[];
export type IngestEventType = (typeof INGEST_EVENT_TYPES)[number];

export const STATUS_FOR_EVENT = {
  order_confirmed: "confirmed",
  out_for_delivery: "out_for_delivery",
  delivered: "delivered",
  delivery_failed: "delivery_failed",
  return_initiated: "return_initiated",
} as const satisfies Record<EventType, OrderStatus>;

export const EVENT_LABELS: Record<EventType, string> = {
  order_confirmed: "Order confirmed",
  out_for_delivery: "Out for delivery",
  delivered: "Delivered",
  delivery_failed: "Delivery failed",
  return_initiated: "Return initiated",
};

export const STATUS_LABELS: Record<OrderStatus, string> = {
  confirmed: "Confirmed",
  out_for_delivery: "Out for delivery",
  delivered: "Delivered",
  delivery_failed: "Delivery failed",
  return_initiated: "Return initiated",
};

// Closed vocabularies of the event details; input.ts validates against them and the
// tracking page turns them into sentences for the end customer.
export const CONFIRMATION_METHODS = ["otp", "signature", "photo", "left_at_door"] as const;
export type ConfirmationMethod = (typeof CONFIRMATION_METHODS)[number];

export const FAILURE_REASON_CODES = [
  "customer_unavailable",
  "address_not_found",
  "customer_refused",
  "payment_issue",
  "weather",
  "other",
] as const;
export type FailureReasonCode = (typeof FAILURE_REASON_CODES)[number];

export const FAILURE_REASON_LABELS: Record<FailureReasonCode, string> = {
  customer_unavailable: "Customer was not available",
  address_not_found: "Address could not be found",
  customer_refused: "Customer refused the delivery",
  payment_issue: "Payment could not be collected",
  weather: "Delayed by weather",
  other: "Delivery could not be completed",
};

export const RETURN_CONDITIONS = ["unopened", "opened", "damaged"] as const;
export type ReturnCondition = (typeof RETURN_CONDITIONS)[number];

// Each endpoint pins one schema version and one format (Endpoint.schemaVersion / .format).
export const SCHEMA_VERSIONS = ["v1", "v2"] as const;
export type SchemaVersion = (typeof SCHEMA_VERSIONS)[number];
export const PAYLOAD_FORMATS = ["json", "xml"] as const;
export type PayloadFormat = (typeof PAYLOAD_FORMATS)[number];

export const CURRENT_SCHEMA_VERSION = "v2" as const;
// v1 is kept for 12 months after v2 shipped (the seeds' backward-compatibility promise).
export const V1_END_OF_SUPPORT = "2027-11-30";

export function isEventType(value: unknown): value is EventType {
  return typeof value === "string" && (EVENT_TYPES as readonly string[]).includes(value);
}

// Compile-time drift guards: both directions must hold, or `true` is not assignable.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const eventTypesMatchPrisma: Same<EventType, PrismaEventType> = true;
const statusesMatchPrisma: Same<OrderStatus, PrismaOrderStatus> = true;
void eventTypesMatchPrisma;
void statusesMatchPrisma;
