// lib/endpoints owns a partner's endpoints: rules, create/update/delete, secrets, test sends and the endpoint check.

// The endpoint rules a partner sees, in one place: the per-partner limit, what an endpoint's
// settings may be, and the shape the dashboard form and the actions agree on. Browser-safe
// (no server imports) so the form validates with the very schema the server enforces.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { EVENT_TYPES, PAYLOAD_FORMATS, SCHEMA_VERSIONS, type EventType } from "@/lib/events/catalog";
import { brokerCredentialsSchema, DESTINATION_TYPES, destinationIssues } from "@/lib/delivery/destinations/config";

// The seeds' promise: "up to 5 endpoint URLs per partner account". Enforced in
// create-endpoint.ts under a lock on the partner row, so concurrent creates cannot pass it.
export const MAX_ENDPOINTS_PER_PARTNER = 5;
export const ENDPOINT_LIMIT_MESSAGE = `You already have ${MAX_ENDPOINTS_PER_PARTNER} endpoints, the most a partner can have. Delete or reuse one.`;

// During a rotation the old secret keeps signing for this long, so receivers can roll over.
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

export const RATE_LIMIT_MIN = 1;
export const RATE_LIMIT_MAX = 1000;
export const DESCRIPTION_MAX = 200;
export const URL_MAX = 2048;
export const DISABLED_REASON_MAX = 200;

/** Event types in catalogue order, without duplicates: the stored order never depends on clicks. */
export const canonicalEventTypes = (types: readonly EventType[]): EventType[] => EVENT_TYPES.filter((t) => types.includes(t));

const rateLimitMessage = `must be from ${RATE_LIMIT_MIN} to ${RATE_LIMIT_MAX} per second`;

// The rule for each setting, without defaults: a change (PATCH) must not reset what it omits.
const fieldRules = {
  url: z.string().trim().min(1, "is required").max(URL_MAX, `must be at most ${URL_MAX} characters`),
  description: z.string().trim().max(DESCRIPTION_MAX, `must be at most ${DESCRIPTION_MAX} characters`),
  eventTypes: z.array(z.enum(EVENT_TYPES)).min(1, "choose at least one event type").transform(canonicalEventTypes),
  format: z.enum(PAYLOAD_FORMATS),
  schemaVersion: z.enum(SCHEMA_VERSIONS),
  // null: the platform default applies (the engine's per-endpoint limiter).
  rateLimitPerSecond: z.number().int("must be a whole number").min(RATE_LIMIT_MIN, rateLimitMessage).max(RATE_LIMIT_MAX, rateLimitMessage).nullable(),
  // HTTP (a URL) or a broker: its settings are checked against its type (destinationIssues).
  destinationType: z.enum(DESTINATION_TYPES),
  destination: z.strictObject({ exchange: z.string().optional(), routingKey: z.string().optional(), subject: z.string().optional() }).nullable(),
  // Write-only broker credentials: sealed at rest, never shown again. null removes them.
  credentials: brokerCredentialsSchema.nullable(),
};

/** Every setting of a new endpoint, as the dashboard form and the actions name them. */
export const endpointFieldsSchema = z.strictObject({
  ...fieldRules,
  description: fieldRules.description.default(""),
  format: fieldRules.format.default("json"),
  schemaVersion: fieldRules.schemaVersion.default("v2"),
  rateLimitPerSecond: fieldRules.rateLimitPerSecond.default(null),
  // Absent: an HTTP webhook (create-endpoint.ts fills it in).
  destinationType: fieldRules.destinationType.optional(),
  destination: fieldRules.destination.optional(),
  credentials: fieldRules.credentials.optional(),
}).superRefine((fields, ctx) => {
  for (const issue of destinationIssues({ ...fields, destinationType: fields.destinationType ?? "http" })) ctx.addIssue({ code: "custom", path: [issue.field], message: issue.message });
});
/** A new endpoint's settings; without destination settings it is an HTTP webhook. */
export type EndpointFields = z.output<typeof endpointFieldsSchema>;
export type EndpointFieldsInput = z.input<typeof endpointFieldsSchema>;

/** A partial change: any settings, and/or switching the endpoint off (with a reason) or on. */
export const endpointPatchSchema = z.strictObject(fieldRules).partial().extend({
  enabled: z.boolean().optional(),
  disabledReason: z.string().trim().max(DISABLED_REASON_MAX, `must be at most ${DISABLED_REASON_MAX} characters`).optional(),
});
export type EndpointPatch = z.output<typeof endpointPatchSchema>;

/** The limit rule itself; create-endpoint.ts calls it with the count taken under the lock. */
export function assertBelowEndpointLimit(existing: number) {
  if (existing >= MAX_ENDPOINTS_PER_PARTNER) throw new AppError("limit_reached", ENDPOINT_LIMIT_MESSAGE, { max: MAX_ENDPOINTS_PER_PARTNER });
}

/** "3 of 5": what the list shows, and whether another endpoint may be added. */
export function endpointAllowance(count: number) {
  const remaining = Math.max(0, MAX_ENDPOINTS_PER_PARTNER - count);
  return { count, max: MAX_ENDPOINTS_PER_PARTNER, remaining, canAdd: remaining > 0 };
}

// Field names the form shows errors under; messages are "field: reason; field: reason".
export const ENDPOINT_FIELDS = ["url", "description", "eventTypes", "format", "schemaVersion", "rateLimitPerSecond", "destinationType", "exchange", "routingKey", "subject", "credentials"] as const;
export type EndpointFieldName = (typeof ENDPOINT_FIELDS)[number];

const FIELD_SPLIT = new RegExp(`;\\s(?=(?:${ENDPOINT_FIELDS.join("|")}|event_types|schema_version|rate_limit_per_second|destination_type|routing_key)(?:\\.\\d+)?: )`);

/**
 * Splits an error message in the house format ("url: … ; eventTypes: …") into per-field
 * messages. Only known field names start a new part, so a reason that itself contains "; "
 * (the SSRF guard's do) stays whole. Anything without a field prefix lands under "form".
 */
export function fieldErrorsFromMessage(message: string): Partial<Record<EndpointFieldName | "form", string>> {
  const out: Partial<Record<EndpointFieldName | "form", string>> = {};
  for (const part of message.split(FIELD_SPLIT)) {
    const match = /^([a-zA-Z_]+)(?:\.\d+)?: ([\s\S]*)$/.exec(part);
    const key = match ? toFieldName(match[1]!) : null;
    if (key && match) out[key] = out[key] ? `${out[key]}; ${match[2]}` : match[2];
    else out.form = out.form ? `${out.form}; ${part}` : part;
  }
  return out;
}

const SNAKE: Record<string, EndpointFieldName> = {
  event_types: "eventTypes",
  schema_version: "schemaVersion",
  rate_limit_per_second: "rateLimitPerSecond",
  destination_type: "destinationType",
  routing_key: "routingKey",
};
function toFieldName(raw: string): EndpointFieldName | null {
  if ((ENDPOINT_FIELDS as readonly string[]).includes(raw)) return raw as EndpointFieldName;
  return SNAKE[raw] ?? null;
}
