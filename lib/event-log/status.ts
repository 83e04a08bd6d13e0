// An event's delivery status in the Event Log: one word for "did this event reach every
// endpoint?". This is the one definition; the SQL filter (event-filter-sql.ts) is generated
// from STATUS_PRECEDENCE below, so what a row shows and what a filter selects cannot drift.
// Browser-safe: the dashboard imports the labels and the rule.

export const DELIVERY_STATUSES = ["pending", "retrying", "delivered", "dead_lettered"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * Worst first. An event takes the first status in this list that any of its deliveries has:
 * one dead-lettered delivery makes the event "dead_lettered" even if the others arrived,
 * because that is the one a person has to act on. "delivered" is therefore "all delivered".
 */
export const STATUS_PRECEDENCE = ["dead_lettered", "retrying", "pending", "delivered"] as const satisfies readonly DeliveryStatus[];

/** An event no endpoint subscribed to when it happened: recorded, but nothing to deliver. */
export const NO_ENDPOINTS = "no_endpoints" as const;

export const EVENT_LOG_STATUSES = [...STATUS_PRECEDENCE, NO_ENDPOINTS] as const;
export type EventLogStatus = (typeof EVENT_LOG_STATUSES)[number];

export const EVENT_LOG_STATUS_LABELS: Record<EventLogStatus, string> = {
  dead_lettered: "Dead-lettered",
  retrying: "Retrying",
  pending: "Pending",
  delivered: "Delivered",
  no_endpoints: "No endpoints",
};

export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, string> = {
  pending: "Pending",
  retrying: "Retrying",
  delivered: "Delivered",
  dead_lettered: "Dead-lettered",
};

/** Deliveries "Retry all failed" sends again: they have failed at least once and have not arrived. */
export const FAILED_DELIVERY_STATUSES = ["retrying", "dead_lettered"] as const satisfies readonly DeliveryStatus[];

export function deriveEventStatus(deliveryStatuses: readonly DeliveryStatus[]): EventLogStatus {
  if (deliveryStatuses.length === 0) return NO_ENDPOINTS;
  return STATUS_PRECEDENCE.find((s) => deliveryStatuses.includes(s)) ?? "delivered";
}

/** A single delivery can be retried by hand unless it already arrived. */
export const isRetryable = (status: DeliveryStatus) => status !== "delivered";

export const isFailed = (status: DeliveryStatus) => (FAILED_DELIVERY_STATUSES as readonly DeliveryStatus[]).includes(status);

/**
 * The statuses the Event Log can be filtered by. "No endpoints" is shown but not offered as a
 * filter: nothing marks such an event except the absence of rows, so finding them means
 * checking every event of the partner (measured: ~1 s at 500,000 events), while each status
 * here can start from the Delivery(partnerId, status, createdAt) index.
 */
export const FILTER_STATUSES = STATUS_PRECEDENCE;
export type FilterStatus = (typeof FILTER_STATUSES)[number];

/** For one filter status: the delivery status an event must have, and the worse ones it must not. */
export function statusCondition(status: FilterStatus): { has: DeliveryStatus; hasNone: readonly DeliveryStatus[] } {
  return { has: status, hasNone: STATUS_PRECEDENCE.slice(0, STATUS_PRECEDENCE.indexOf(status)) };
}
