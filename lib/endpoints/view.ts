// What leaves the server about an endpoint: plain, serialisable data with no secret in it.
// Pages pass these to client components; the API maps them to snake_case (api-shape.ts).
import type { EventType, PayloadFormat, SchemaVersion } from "@/lib/events/catalog";
// Type-only: erased at build time, so the server module never reaches the browser.
import type { HttpAttemptResult } from "@/lib/delivery/http-attempt";
import type { CredentialsSummary, DestinationSettings, DestinationType } from "@/lib/delivery/destinations/config";

export type SecretInfo = {
  /** When the current secret was made (creation or the last rotation). */
  createdAt: string;
  /** Set during a rotation's overlap: the old secret still signs until then. */
  previousExpiresAt: string | null;
};

export type EndpointView = {
  id: string;
  /** HTTP: the webhook URL. Brokers: the broker's URL without credentials. */
  url: string;
  destinationType: DestinationType;
  /** A broker's exchange and routing key, or subject; null for HTTP. */
  destination: DestinationSettings | null;
  /** Which kind of broker credentials are stored (and the user name): never the secret. */
  credentials: CredentialsSummary;
  description: string;
  eventTypes: EventType[];
  format: PayloadFormat;
  schemaVersion: SchemaVersion;
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: string | null;
  rateLimitPerSecond: number | null;
  createdAt: string;
  updatedAt: string;
  secret: SecretInfo | null;
};

/** The request a test send makes, with the signature cut short: enough to compare, not to reuse. */
export type TestRequestPreview = {
  url: string;
  eventId: string;
  occurredAt: string;
  contentType: string;
  body: string;
  headers: Record<string, string>;
};

export type TestSendResult = HttpAttemptResult & {
  attemptId: string;
  sentAt: string;
  /** A plain-language next step for a failure; null on success. */
  hint: string | null;
  request: TestRequestPreview;
};

export type TestSendSummary = {
  id: string;
  sentAt: string;
  eventType: EventType | null;
  success: boolean;
  statusCode: number | null;
  latencyMs: number;
  errorMessage: string | null;
  by: string | null;
};
