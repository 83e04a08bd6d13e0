// lib/alerts owns alert rules, incidents and who hears about them (mail, operational webhooks); run by lib/monitoring.

// Alert rules: what each one watches, its defaults, and a partner's overrides. Browser-safe (the
// Settings form validates with this very schema). Evaluated per endpoint by lib/alerts/evaluate.ts.
import { z } from "zod";

/** The rules a partner tunes (Settings → Alerts), evaluated per endpoint. */
export const ALERT_RULES = ["failure_rate", "delivery_delay", "dead_letters_waiting", "endpoint_disabled"] as const;
export type AlertRule = (typeof ALERT_RULES)[number];
/**
 * Every rule an incident can be opened for: the endpoint rules, and a spike of failed intakes for
 * one order source (lib/intake/alerts.ts; its threshold is INTAKE_SPIKE in lib/intake/rules.ts, not
 * a partner setting). An intake_failures incident keeps the order source's id in `endpointId` and
 * its name in `endpointUrl`: `incidentTarget` says which it is.
 */
export const INCIDENT_RULES = [...ALERT_RULES, "intake_failures"] as const;
export type IncidentRule = (typeof INCIDENT_RULES)[number];

/** A notice is sent at most once an hour per rule and endpoint or order source (re-opening within the hour, reminders). */
export const RENOTIFY_AFTER_MS = 60 * 60 * 1000;
/** How often the evaluator runs (lib/monitoring/start.ts). */
export const EVALUATE_EVERY_MS = 30_000;

export const DEFAULT_RULES = {
  /** More than thresholdPercent of delivery attempts failed in the window, with at least minAttempts. */
  failure_rate: { enabled: true, thresholdPercent: 20, windowSeconds: 15 * 60, minAttempts: 10 },
  /** p95 from status change to delivery above thresholdSeconds over the window (at least minDeliveries). */
  delivery_delay: { enabled: true, thresholdSeconds: 90, windowSeconds: 15 * 60, minDeliveries: 5 },
  /** A dead-letter has waited for a retry longer than olderThanSeconds. */
  dead_letters_waiting: { enabled: true, olderThanSeconds: 60 * 60 },
  /** The endpoint was switched off automatically (lib/delivery/auto-disable.ts). */
  endpoint_disabled: { enabled: true },
} as const;

const seconds = (min: number, max: number) => z.number().int("must be a whole number of seconds").min(min, `must be at least ${min} s`).max(max, `must be at most ${max} s`);
const DAY_S = 86_400;

/** A partner's overrides: any rule, any field; what is left out keeps the default. */
export const AlertOverridesSchema = z.strictObject({
  failure_rate: z
    .strictObject({
      enabled: z.boolean(),
      thresholdPercent: z.number().min(1, "must be from 1 to 100 %").max(100, "must be from 1 to 100 %"),
      windowSeconds: seconds(10, DAY_S),
      minAttempts: z.number().int().min(1, "must be at least 1").max(100_000),
    })
    .partial()
    .optional(),
  delivery_delay: z
    .strictObject({
      enabled: z.boolean(),
      thresholdSeconds: z.number().min(0.1, "must be at least 0.1 s").max(DAY_S),
      windowSeconds: seconds(10, DAY_S),
      minDeliveries: z.number().int().min(1, "must be at least 1").max(100_000),
    })
    .partial()
    .optional(),
  dead_letters_waiting: z.strictObject({ enabled: z.boolean(), olderThanSeconds: seconds(0, 30 * DAY_S) }).partial().optional(),
  endpoint_disabled: z.strictObject({ enabled: z.boolean() }).partial().optional(),
});
export type AlertOverrides = z.infer<typeof AlertOverridesSchema>;

type Widen<T> = { -readonly [K in keyof T]: T[K] extends boolean ? boolean : T[K] extends number ? number : T[K] };
export type EffectiveRules = { [R in AlertRule]: Widen<(typeof DEFAULT_RULES)[R]> };

/** Defaults with the partner's overrides on top. A stored value that no longer parses is ignored, never fatal. */
export function effectiveRules(stored: unknown): EffectiveRules {
  const parsed = AlertOverridesSchema.safeParse(stored ?? {});
  const o = parsed.success ? parsed.data : {};
  return {
    failure_rate: { ...DEFAULT_RULES.failure_rate, ...o.failure_rate },
    delivery_delay: { ...DEFAULT_RULES.delivery_delay, ...o.delivery_delay },
    dead_letters_waiting: { ...DEFAULT_RULES.dead_letters_waiting, ...o.dead_letters_waiting },
    endpoint_disabled: { ...DEFAULT_RULES.endpoint_disabled, ...o.endpoint_disabled },
  };
}

export const RULE_LABEL: Record<IncidentRule, string> = {
  failure_rate: "Failure rate",
  delivery_delay: "Delivery delay",
  dead_letters_waiting: "Dead-letters waiting",
  endpoint_disabled: "Endpoint auto-disabled",
  intake_failures: "Order intake failures",
};

export type IncidentTarget = { kind: "endpoint"; id: string; url: string; label: string } | { kind: "order_source"; id: string; name: string; label: string; href: string };

/** What an incident is about: an endpoint (its URL), or an order source (its name, and its intake log). */
export function incidentTarget(incident: { rule: IncidentRule; endpointId: string; endpointUrl: string }): IncidentTarget {
  if (incident.rule === "intake_failures") {
    return { kind: "order_source", id: incident.endpointId, name: incident.endpointUrl, label: `order source '${incident.endpointUrl}'`, href: `/intake?source=${encodeURIComponent(incident.endpointId)}` };
  }
  return { kind: "endpoint", id: incident.endpointId, url: incident.endpointUrl, label: incident.endpointUrl };
}

/** Operational webhook types: what the partner's own monitoring receives for each transition. */
export const OPS_EVENT_TYPES = ["endpoint.disabled", "endpoint.failing", "endpoint.recovered", "order_source.failing", "order_source.recovered"] as const;
export type OpsEventType = (typeof OPS_EVENT_TYPES)[number];

export function opsEventType(rule: IncidentRule, transition: "opened" | "resolved"): OpsEventType {
  if (rule === "intake_failures") return transition === "resolved" ? "order_source.recovered" : "order_source.failing";
  if (transition === "resolved") return "endpoint.recovered";
  return rule === "endpoint_disabled" ? "endpoint.disabled" : "endpoint.failing";
}

/** One sentence per rule describing the effective settings ("More than 20 % of attempts failed in 15 min (at least 10 attempts)"). */
export function describeRule(rule: AlertRule, r: EffectiveRules): string {
  const span = (s: number) => (s % 3600 === 0 ? `${s / 3600} h` : s % 60 === 0 ? `${s / 60} min` : `${s} s`);
  switch (rule) {
    case "failure_rate":
      return `More than ${r.failure_rate.thresholdPercent} % of delivery attempts failed in ${span(r.failure_rate.windowSeconds)} (at least ${r.failure_rate.minAttempts} attempts).`;
    case "delivery_delay":
      return `p95 from status change to delivery above ${r.delivery_delay.thresholdSeconds} s over ${span(r.delivery_delay.windowSeconds)} (at least ${r.delivery_delay.minDeliveries} deliveries).`;
    case "dead_letters_waiting":
      return `A dead-letter has waited for a retry longer than ${span(r.dead_letters_waiting.olderThanSeconds)}.`;
    case "endpoint_disabled":
      return "Waypoint switched the endpoint off automatically after it kept failing.";
  }
}
