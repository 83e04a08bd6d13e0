import "server-only";
import type { BulkRetry, SingleRetry } from "@/lib/delivery/retry";
import type { EventDetail } from "@/lib/event-log/get-event";
import type { EventLogPage } from "@/lib/event-log/list-events";
import type { AttemptJson, BulkRetryJson, EventDetailJson, EventLogPageJson, RetryResultJson } from "@/lib/event-log/api-shape";

// Domain objects → the API's snake_case JSON (api-shape.ts). Route handlers and the pages that
// hand initial data to the browser both use these, so the two never differ.

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toEventLogPageJson(page: EventLogPage): EventLogPageJson {
  return {
    events: page.events.map((e) => ({
      event_id: e.id,
      event: e.type,
      order_id: e.orderId,
      merchant_order_ref: e.merchantOrderRef,
      created_at: e.createdAt.toISOString(),
      occurred_at: e.occurredAt.toISOString(),
      status: e.status,
      attempts: e.attempts,
      cli_attempts: e.cliAttempts,
      deliveries: e.deliveries.map((d) => ({
        delivery_id: d.id,
        endpoint_id: d.endpointId,
        endpoint_url: d.endpointUrl,
        endpoint_description: d.endpointDescription,
        status: d.status,
        attempt_count: d.attemptCount,
        next_attempt_at: iso(d.nextAttemptAt),
        last_error: d.lastError,
      })),
    })),
    limit: page.limit,
    failed_deliveries: page.failedDeliveryIds.length,
  };
}

type AttemptRecord = EventDetail["deliveries"][number]["attempts"][number];

export function toAttemptJson(a: AttemptRecord): AttemptJson {
  return {
    attempt_id: a.id,
    started_at: a.startedAt.toISOString(),
    trigger: a.trigger,
    triggered_by: a.triggeredBy ? { name: a.triggeredBy.name, email: a.triggeredBy.email } : null,
    success: a.success,
    status_code: a.statusCode,
    latency_ms: a.latencyMs,
    error_class: a.errorClass,
    error_message: a.errorMessage,
    response_excerpt: a.responseExcerpt,
  };
}

export function toEventDetailJson(event: EventDetail): EventDetailJson {
  return {
    event_id: event.id,
    event: event.type,
    order_id: event.orderId,
    merchant_order_ref: event.order.merchantOrderRef,
    created_at: event.createdAt.toISOString(),
    occurred_at: event.occurredAt.toISOString(),
    status: event.status,
    sequence: event.sequence,
    payload: event.payload,
    deliveries: event.deliveries.map((d) => ({
      delivery_id: d.id,
      endpoint: {
        endpoint_id: d.endpoint.id,
        url: d.endpoint.url,
        description: d.endpoint.description,
        format: d.endpoint.format,
        schema_version: d.endpoint.schemaVersion,
        enabled: d.endpoint.enabled,
      },
      status: d.status,
      attempt_count: d.attemptCount,
      next_attempt_at: iso(d.nextAttemptAt),
      last_attempt_at: iso(d.lastAttemptAt),
      delivered_at: iso(d.deliveredAt),
      dead_lettered_at: iso(d.deadLetteredAt),
      last_error: d.lastError,
      request: d.request ? { content_type: d.request.contentType, body: d.request.body } : null,
      attempts: d.attempts.map(toAttemptJson),
    })),
    cli_attempts: event.cliAttempts.map((a) => ({
      attempt_id: a.id,
      session_id: a.sessionId,
      forward_to: a.forwardTo,
      started_at: a.startedAt.toISOString(),
      success: a.success,
      status_code: a.statusCode,
      latency_ms: a.latencyMs,
      error_message: a.errorMessage,
      response_excerpt: a.responseExcerpt,
    })),
  };
}

export function toRetryResultJson(result: SingleRetry): RetryResultJson {
  if (result.mode === "queued") {
    return { delivery_id: result.deliveryId, mode: "queued", outcome: null, status: result.status, attempt: null, message: "Retry queued. The attempt appears in the history within seconds." };
  }
  const { outcome, attempt } = result;
  const delivered = outcome.kind === "delivered";
  const answer = attempt ? (attempt.statusCode ? `HTTP ${attempt.statusCode} in ${attempt.latencyMs} ms` : (attempt.errorMessage ?? "no answer")) : "";
  const message = delivered
    ? `Delivered (${answer}).`
    : outcome.kind === "dead_lettered" && !attempt
      ? `Not sent: ${outcome.reason}.`
      : `Still failing (${attempt?.errorMessage ?? answer}). ${result.status === "dead_lettered" ? "It stays dead-lettered." : "Automatic retries continue on schedule."}`;
  return { delivery_id: result.deliveryId, mode: "sent", outcome: delivered ? "delivered" : "failed", status: result.status, attempt: attempt ? toAttemptJson(attempt) : null, message };
}

export function toBulkRetryJson(result: BulkRetry): BulkRetryJson {
  const n = result.queued;
  const what = `${n} failed ${n === 1 ? "delivery" : "deliveries"}`;
  const message =
    n === 0 ? "No failed deliveries match this filter." : result.mode === "background" ? `Retrying ${what}. Results appear in the log as they finish.` : `Queued ${what} for retry. Results appear in the log within seconds.`;
  return { queued: n, mode: result.mode, message };
}
