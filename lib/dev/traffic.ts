// The demo traffic generator's rules (development only): which orders to create and which
// status changes to send on each tick, as the OMS, dispatch and rider app would. Pure and
// deterministic for a given random source; lib/dev/traffic-runner.ts sends what this plans
// through the real ingest API and reports back what the API answered.
import type { CreateOrderBody, IngestEventBody } from "@/lib/events/input";
import type { IngestEventType, OrderStatus } from "@/lib/events/catalog";
import { FAILURE_REASON_CODES, CONFIRMATION_METHODS } from "@/lib/events/catalog";

export type Random = () => number;

/** mulberry32: a small seeded generator, so a test (or a bug report) can replay a run. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export type TrafficPartner = { id: string; name: string; prefix: string; weight: number };

/** An order the generator is moving; it is forgotten once it reaches an end. */
export type LiveOrder = {
  ref: string;
  partnerId: string;
  /** Null until the API has created it. */
  orderId: string | null;
  /** What the API last accepted; null before the order exists. */
  status: OrderStatus | null;
  /** Not before this time (ms) does it move again. */
  dueAt: number;
  /** Failed deliveries so far: a re-attempt follows a failure at most twice. */
  failures: number;
  rider: number;
};

export type TrafficState = { orders: LiveOrder[]; created: number };

export type TrafficAction =
  | { kind: "create"; ref: string; partnerId: string; body: CreateOrderBody }
  | { kind: "event"; ref: string; orderId: string; body: IngestEventBody };

/** What the API answered: ok (with the new order's id), refused for good (4xx), or try again (5xx, network). */
export type TrafficOutcome = { ok: true; orderId?: string } | { ok: false; retry: boolean };

export const TRAFFIC_RULES = {
  /** Orders in flight at once. */
  maxActive: 10,
  /** Chance per tick of a new order while below maxActive. */
  newOrderChance: 0.7,
  /** Status changes sent per tick at most (a few orders move every few seconds). */
  maxEventsPerTick: 3,
  /** Ticks between two steps of one order: long enough to watch, short enough to see it move. */
  minTicksBetweenSteps: 2,
  maxTicksBetweenSteps: 5,
  /** Out for delivery ends delivered this often, else failed. */
  deliveredShare: 0.8,
  /** A failed delivery is re-attempted this often (at most maxReattempts times), else left failed. */
  reattemptShare: 0.7,
  maxReattempts: 2,
  /** A delivered order is returned this often. */
  returnShare: 0.1,
} as const;

export type TrafficRules = typeof TRAFFIC_RULES;

const RIDERS = [
  ["Rajesh Kumar", "+919876543214"],
  ["Anita Desai", "+919812345678"],
  ["Mohammed Irfan", "+919900112233"],
  ["Lakshmi Narayan", "+919845001122"],
  ["Vikram Singh", "+919711223344"],
  ["Priya Menon", "+919633445566"],
] as const;
const CUSTOMERS = ["Aarav Shah", "Diya Iyer", "Kabir Rao", "Meera Nair", "Rohan Gupta", "Sara Khan", "Ishaan Das", "Zoya Ali", "Nisha Rao", "Dev Anand"];
const RETURN_REASONS = ["size_mismatch", "changed_mind", "wrong_item", "damaged_in_transit"];

const pick = <T>(list: readonly T[], random: Random): T => list[Math.floor(random() * list.length) % list.length]!;
const ticksFrom = (now: number, intervalMs: number, rules: TrafficRules, random: Random) =>
  now + intervalMs * (rules.minTicksBetweenSteps + Math.floor(random() * (rules.maxTicksBetweenSteps - rules.minTicksBetweenSteps + 1)));

/** The next status change for an order, or null when its story is over. */
export function nextEvent(order: Pick<LiveOrder, "status" | "failures">, random: Random, rules: TrafficRules = TRAFFIC_RULES): IngestEventType | null {
  switch (order.status) {
    case "confirmed":
      return "out_for_delivery";
    case "out_for_delivery":
      return random() < rules.deliveredShare ? "delivered" : "delivery_failed";
    case "delivery_failed":
      return order.failures <= rules.maxReattempts && random() < rules.reattemptShare ? "out_for_delivery" : null;
    case "delivered":
      return random() < rules.returnShare ? "return_initiated" : null;
    default:
      return null; // return_initiated (the end), or not created yet
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
/** Tomorrow 10:00 UTC: a failed delivery's reschedule slot. */
const tomorrowMorning = (now: number) => {
  const d = new Date(now + 86_400_000);
  d.setUTCHours(10, 0, 0, 0);
  return d.getTime();
};

/** The body the rider app or dispatch would send for `event`, at `now`. */
export function eventBody(event: IngestEventType, order: Pick<LiveOrder, "rider">, now: number, random: Random): IngestEventBody {
  const occurred_at = iso(now);
  switch (event) {
    case "out_for_delivery": {
      const [name, phone] = RIDERS[order.rider % RIDERS.length]!;
      const from = now + (15 + Math.floor(random() * 30)) * 60_000;
      return {
        event,
        occurred_at,
        rider: { name, phone, id: `rider_${order.rider % RIDERS.length}` },
        otp: String(1000 + Math.floor(random() * 9000)),
        eta_window: { from: iso(from), to: iso(from + 30 * 60_000) },
      };
    }
    case "delivered":
      return { event, occurred_at, confirmation_method: pick(CONFIRMATION_METHODS, random) };
    case "delivery_failed":
      return { event, occurred_at, reason_code: pick(FAILURE_REASON_CODES, random), rescheduled_for: iso(tomorrowMorning(now)) };
    case "return_initiated":
      return { event, occurred_at, reason_code: pick(RETURN_REASONS, random), condition: "unopened", pickup_eta: iso(tomorrowMorning(now)) };
  }
}

/** Picks a partner in proportion to its weight (an enterprise sends more orders than an SMB). */
function pickPartner(partners: readonly TrafficPartner[], random: Random): TrafficPartner {
  const total = partners.reduce((sum, p) => sum + p.weight, 0);
  let roll = random() * total;
  for (const partner of partners) {
    roll -= partner.weight;
    if (roll < 0) return partner;
  }
  return partners[partners.length - 1]!;
}

/**
 * One tick: the due orders' next status changes (oldest due first, at most maxEventsPerTick) and
 * maybe one new order. Orders whose story is over are dropped here. Nothing is sent yet: the
 * runner sends the actions and reports each outcome to applyOutcome.
 */
export function planTick(state: TrafficState, partners: readonly TrafficPartner[], now: number, random: Random, rules: TrafficRules = TRAFFIC_RULES): TrafficAction[] {
  const actions: TrafficAction[] = [];
  const due = state.orders.filter((o) => o.orderId && o.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt);
  for (const order of due) {
    if (actions.length >= rules.maxEventsPerTick) break;
    const event = nextEvent(order, random, rules);
    if (event === null) {
      state.orders = state.orders.filter((o) => o !== order);
      continue;
    }
    actions.push({ kind: "event", ref: order.ref, orderId: order.orderId!, body: eventBody(event, order, now, random) });
  }
  if (partners.length && state.orders.length < rules.maxActive && random() < rules.newOrderChance) {
    const partner = pickPartner(partners, random);
    const n = state.created++;
    const ref = `${partner.prefix}-LIVE-${Date.now().toString(36).slice(-4).toUpperCase()}${String(n).padStart(3, "0")}`;
    const customer = pick(CUSTOMERS, random);
    state.orders.push({ ref, partnerId: partner.id, orderId: null, status: null, dueAt: now, failures: 0, rider: Math.floor(random() * RIDERS.length) });
    actions.push({
      kind: "create",
      ref,
      partnerId: partner.id,
      body: {
        partner_id: partner.id,
        merchant_order_ref: ref,
        customer_id: `cust_live_${n}`,
        customer_name: customer,
        customer_phone: `+9198${String(10_000_000 + Math.floor(random() * 89_999_999))}`,
      },
    });
  }
  return actions;
}

/** Records what the API answered for one action: the order moves on, is retried next tick, or is dropped. */
export function applyOutcome(state: TrafficState, action: TrafficAction, outcome: TrafficOutcome, now: number, intervalMs: number, random: Random, rules: TrafficRules = TRAFFIC_RULES): void {
  const order = state.orders.find((o) => o.ref === action.ref);
  if (!order) return;
  if (!outcome.ok) {
    // A status change refused for good (a person moved the order by hand: 409) is let go; one
    // that may work later (5xx, app restarting) is sent again next tick. A failed create is
    // simply dropped: a new order comes along soon enough.
    if (!outcome.retry || action.kind === "create") state.orders = state.orders.filter((o) => o !== order);
    return;
  }
  if (action.kind === "create") {
    order.orderId = outcome.orderId ?? null;
    order.status = "confirmed";
    if (!order.orderId) state.orders = state.orders.filter((o) => o !== order);
  } else {
    order.status = action.body.event === "return_initiated" ? "return_initiated" : action.body.event;
    if (action.body.event === "delivery_failed") order.failures++;
  }
  order.dueAt = ticksFrom(now, intervalMs, rules, random);
}
