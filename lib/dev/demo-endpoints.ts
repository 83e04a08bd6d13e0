// The demo's partner endpoints: five paths on the local webhook receiver that answer the way real
// partners do. The seed registers them (with a week of history, prisma/seed-history.ts) and
// `npm run dev` starts the receiver with these modes (lib/dev/world.ts). Pure data.
import type { EventType } from "@/lib/events/catalog";
import type { ReceiverChecks, ReceiverMode } from "@/lib/receiver/modes";

export const DEFAULT_DEMO_RECEIVER_PORT = 4010;

/** Where the seed points the demo endpoints: DEMO_RECEIVER_URL, else the receiver's default port. */
export const demoReceiverUrl = (env: Record<string, string | undefined> = process.env) =>
  (env.DEMO_RECEIVER_URL || `http://127.0.0.1:${env.DEMO_RECEIVER_PORT || DEFAULT_DEMO_RECEIVER_PORT}`).replace(/\/+$/, "");

export type DemoEndpointKey = "healthy" | "old-secret" | "slow" | "flaky" | "down";

export type DemoEndpoint = {
  key: DemoEndpointKey;
  partner: "UrbanKart" | "Sportsline Retail";
  path: string;
  description: string;
  /** What this partner is like, for the start-up banner. */
  behaviour: string;
  eventTypes: EventType[];
  mode: ReceiverMode;
  checks?: ReceiverChecks;
};

const ALL: EventType[] = ["order_confirmed", "out_for_delivery", "delivered", "delivery_failed", "return_initiated"];

/** The flaky CRM's outages: up 2.5 min, down 40 s (a first attempt in an outage succeeds on a later retry). */
export const FLAKY_CYCLE = { upMs: 150_000, downMs: 40_000 } as const;

export const DEMO_ENDPOINTS: readonly DemoEndpoint[] = [
  {
    key: "healthy",
    partner: "UrbanKart",
    path: "/demo/urbankart/orders",
    description: "ERP order sync",
    behaviour: "healthy: 200 at once",
    eventTypes: ALL,
    mode: { kind: "ok" },
  },
  {
    key: "old-secret",
    partner: "UrbanKart",
    path: "/demo/urbankart/notifications",
    description: "Customer notifications service",
    behaviour: "401: verifies signatures with the secret rotated out yesterday",
    eventTypes: ["out_for_delivery", "delivered", "delivery_failed"],
    mode: { kind: "ok" },
    checks: { verify: true },
  },
  {
    key: "slow",
    partner: "Sportsline Retail",
    path: "/demo/sportsline/warehouse",
    description: "Warehouse management system",
    behaviour: "slow: answers 200 after 2.5 s",
    eventTypes: ALL,
    mode: { kind: "slow", ms: 2_500 },
  },
  {
    key: "flaky",
    partner: "Sportsline Retail",
    path: "/demo/sportsline/crm",
    description: "CRM customer timeline",
    behaviour: `flaky: 500 for ${FLAKY_CYCLE.downMs / 1000} s every ${(FLAKY_CYCLE.upMs + FLAKY_CYCLE.downMs) / 1000} s, then recovers`,
    eventTypes: ALL,
    mode: { kind: "flaky", ...FLAKY_CYCLE, status: 500 },
  },
  {
    key: "down",
    partner: "Sportsline Retail",
    path: "/demo/sportsline/legacy-erp",
    description: "Legacy ERP bridge",
    behaviour: "down: 503 to everything (auto-disabled)",
    eventTypes: ["order_confirmed", "delivered", "return_initiated"],
    mode: { kind: "status", status: 503 },
  },
];
