// lib/onboarding owns the onboarding checklist and funnel, read from what actually happened.

// The onboarding checklist and funnel, as pure rules (the queries live beside them).

export const CHECKLIST_STEPS = [
  { id: "endpoint_added", label: "Add an endpoint", href: "/endpoints/new", hint: "The HTTPS URL where your system receives order events. No public URL yet? Start with “npx waypoint listen --forward-to http://localhost:8080/webhooks”: live, signed events on your laptop." },
  { id: "secret_copied", label: "Copy the signing secret", href: "/endpoints", hint: "Your receiver verifies every request with it (whsec_…). Reveal or copy it on the endpoint's page." },
  { id: "test_sent", label: "Send a test event", href: "/endpoints", hint: "A signed sample event, answered with what your server replied." },
  { id: "check_passed", label: "Pass the endpoint check", href: "/endpoints", hint: "Waypoint checks that you accept signed events, accept repeats and reject a wrong signature." },
  { id: "first_delivery", label: "First real event delivered", href: "/events", hint: "Arrives when your first order changes status; the Event Log shows it." },
] as const;

export type ChecklistStepId = (typeof CHECKLIST_STEPS)[number]["id"];
export type ChecklistStep = (typeof CHECKLIST_STEPS)[number] & { done: boolean };

export function buildChecklist(done: Record<ChecklistStepId, boolean>) {
  const steps: ChecklistStep[] = CHECKLIST_STEPS.map((s) => ({ ...s, done: done[s.id] }));
  const completed = steps.filter((s) => s.done).length;
  return { steps, completed, total: steps.length, live: completed === steps.length };
}

/** invite sent → accepted → endpoint check passed → first live delivery. */
export type FunnelMilestones = {
  inviteSentAt: Date | null;
  inviteAcceptedAt: Date | null;
  checkPassedAt: Date | null;
  firstDeliveryAt: Date | null;
};

const gap = (from: Date | null, to: Date | null) => (from && to ? Math.max(0, to.getTime() - from.getTime()) : null);

export function funnelDurations(m: FunnelMilestones) {
  return {
    toAccept: gap(m.inviteSentAt, m.inviteAcceptedAt),
    toCheck: gap(m.inviteAcceptedAt, m.checkPassedAt),
    toFirstDelivery: gap(m.checkPassedAt, m.firstDeliveryAt),
    // The seeds' figure: from the invitation to the first verified live delivery.
    total: m.checkPassedAt ? gap(m.inviteSentAt, m.firstDeliveryAt) : null,
  };
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** "3 min", "5 h 20 min", "2 d 4 h": durations as support reads them. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  const min = Math.round(ms / 60_000);
  if (min < 1) return "< 1 min";
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}
