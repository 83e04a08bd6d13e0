// The one interface every destination driver implements. HTTP, RabbitMQ and NATS JetStream are
// files in this folder; an SQS, Kafka or Pub/Sub driver is one more file and a line in
// registry.ts, not a new engine: the attempt core, retries, dead-letters, attempt history,
// health figures, auto-disable, test sends and the endpoint check all go through `send`.
import type { HttpAttemptResult } from "@/lib/delivery/http-attempt";
import type { DestinationSettings, DestinationType } from "@/lib/delivery/destinations/config";

/** Error classes of broker attempts, beside the HTTP ones (dns, tls, connection_refused, ssrf_blocked…). */
export type BrokerErrorClass =
  /** The broker refused the login, or this user may not write there. */
  | "broker_auth"
  /** The exchange, virtual host or JetStream stream does not exist. */
  | "broker_not_found"
  /** Accepted by the exchange but bound to no queue: it would have been dropped. */
  | "broker_unroutable"
  /** No acknowledgement in time: the message may or may not be stored, so it is sent again. */
  | "broker_timeout"
  /** Anything else the broker said (a nack, a closed channel, a resource limit). */
  | "broker_error";

/** The rendered, signed message: the same bytes and webhook-* headers an HTTP receiver gets. */
export type DeliveryMessage = {
  /** The event id: webhook-id, the AMQP message-id and the JetStream Nats-Msg-Id. */
  eventId: string;
  eventType: string;
  body: string;
  /** content-type and webhook-id / webhook-timestamp / webhook-signature. */
  headers: Record<string, string>;
};

/** Where one endpoint delivers to, as the attempt reads it (claim, lease, test send). */
export type DestinationTarget = {
  endpointId: string;
  type: DestinationType;
  /** HTTP: the webhook URL. Brokers: the URL without credentials. */
  url: string;
  settings: DestinationSettings | null;
  /** AES-GCM sealed broker credentials (JSON), opened only inside the driver. */
  sealedCredentials: string | null;
};

/** The result of one attempt, whatever the destination (statusCode is HTTP's only). */
export type DeliveryResult = HttpAttemptResult;

export interface DestinationDriver {
  readonly type: DestinationType;
  /** One attempt: publish/POST and wait for the acknowledgement. Never throws: every failure is a result. */
  send(target: DestinationTarget, message: DeliveryMessage, opts: { timeoutMs: number; allowHosts: readonly string[] }): Promise<DeliveryResult>;
  /** Drops this endpoint's pooled connection (deleted, disabled, changed). */
  close(endpointId: string): Promise<void>;
  /** Closes every pooled connection (process shutdown, tests). */
  closeAll(): Promise<void>;
}

const elapsedSince = (startedNs: bigint) => Math.round(Number(process.hrtime.bigint() - startedNs) / 1e6);

/** A successful broker attempt: no HTTP status, the broker's acknowledgement as the "response". */
export function acknowledged(startedNs: bigint, excerpt: string, details: Record<string, string>): DeliveryResult {
  return { success: true, statusCode: null, latencyMs: elapsedSince(startedNs), errorClass: null, errorMessage: null, responseExcerpt: excerpt, responseHeaders: details };
}

export function failed(startedNs: bigint, errorClass: DeliveryResult["errorClass"], errorMessage: string, details: Record<string, string> = {}): DeliveryResult {
  return { success: false, statusCode: null, latencyMs: elapsedSince(startedNs), errorClass, errorMessage, responseExcerpt: null, responseHeaders: details };
}
