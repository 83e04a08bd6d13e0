// The placeholders a merchant may put in an SMS template, and the checks the editor and the
// server action share. Pure, safe in the browser.
import type { EventType } from "@/lib/events/catalog";

export const PLACEHOLDERS = [
  "customer_name",
  "merchant_name",
  "order_ref",
  "rider_name",
  "rider_phone",
  "otp",
  "eta_window",
  "failure_reason",
  "reschedule_slot",
  "pickup_eta",
  "tracking_link",
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Record<Placeholder, string>;

export const PLACEHOLDER_HELP: Record<Placeholder, string> = {
  customer_name: "The customer's name",
  merchant_name: "Your business name",
  order_ref: "Your order reference",
  rider_name: "The rider's name",
  rider_phone: "The rider's phone, masked (+91 98xxx xx214)",
  otp: "The delivery OTP",
  eta_window: "The expected delivery window",
  failure_reason: "Why the delivery failed",
  reschedule_slot: "When the next attempt is planned",
  pickup_eta: "When the return will be picked up",
  tracking_link: "The order's public tracking page",
};

const ALWAYS: readonly Placeholder[] = ["customer_name", "merchant_name", "order_ref", "tracking_link"];
// Which placeholders carry a value for which event; any other renders empty. Mirrors the
// payload contract's field coverage (SPEC "Payload contract").
export const PLACEHOLDERS_FOR_EVENT: Record<EventType, readonly Placeholder[]> = {
  order_confirmed: ALWAYS,
  out_for_delivery: [...ALWAYS, "rider_name", "rider_phone", "otp", "eta_window"],
  delivered: [...ALWAYS, "rider_name"],
  delivery_failed: [...ALWAYS, "rider_name", "failure_reason", "reschedule_slot"],
  return_initiated: [...ALWAYS, "pickup_eta"],
};

// "{{ otp }}" is accepted as "{{otp}}": merchants type spaces and mean the same thing.
export const PLACEHOLDER_PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;

export const isPlaceholder = (name: string): name is Placeholder => (PLACEHOLDERS as readonly string[]).includes(name);

export type TemplateProblem = { kind: "unknown_placeholder"; name: string } | { kind: "unclosed_braces" };

/** Everything that would make a template render wrong; empty when it is fine to save. */
export function templateProblems(body: string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const seen = new Set<string>();
  for (const match of body.matchAll(PLACEHOLDER_PATTERN)) {
    const name = match[1]!;
    if (!isPlaceholder(name) && !seen.has(name)) {
      seen.add(name);
      problems.push({ kind: "unknown_placeholder", name });
    }
  }
  // Braces left over once the placeholders are taken out: "{{otp" or "otp}}" would be sent
  // to the customer as typed.
  if (/\{\{|\}\}/.test(body.replace(PLACEHOLDER_PATTERN, ""))) problems.push({ kind: "unclosed_braces" });
  return problems;
}

export function describeProblem(problem: TemplateProblem): string {
  if (problem.kind === "unclosed_braces") return "A placeholder is not closed. Write it as {{name}}.";
  return `{{${problem.name}}} is not a placeholder. Use one of: ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(", ")}.`;
}

/** Known placeholders in the template that have no value for this event (they render empty). */
export function emptyForEvent(body: string, event: EventType): Placeholder[] {
  const applies = new Set(PLACEHOLDERS_FOR_EVENT[event]);
  const names = [...body.matchAll(PLACEHOLDER_PATTERN)].map((m) => m[1]!).filter(isPlaceholder);
  return [...new Set(names)].filter((name) => !applies.has(name));
}
