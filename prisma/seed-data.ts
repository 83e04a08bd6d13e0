import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { sqlTransaction, type Sql } from "@/lib/db/sql";
import type { OrderStatus } from "@/lib/db/generated/enums";
import type { IngestEventBody } from "@/lib/events/input";
import { createOrder } from "@/lib/orders/create-order";
import { changeOrderStatus } from "@/lib/orders/change-status";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/lib/dev/demo-accounts";
import { seededRandom } from "@/lib/dev/traffic";
import { createPartner, createUser } from "@/prisma/factories";
import { seedHistory } from "@/prisma/seed-history";

// The demo sign-ins live in lib/dev/demo-accounts.ts (the sign-in page lists them in development).
export const DEMO_CREDENTIALS = {
  password: DEMO_PASSWORD,
  users: DEMO_ACCOUNTS.map((a) => ({ role: a.role, email: a.email, partner: a.partner })),
} as const;

const RIDERS = [
  ["Rajesh Kumar", "+919876543214"], ["Anita Desai", "+919812345678"], ["Mohammed Irfan", "+919900112233"],
  ["Lakshmi Narayan", "+919845001122"], ["Vikram Singh", "+919711223344"], ["Priya Menon", "+919633445566"],
] as const;
const CUSTOMERS = ["Aarav Shah", "Diya Iyer", "Kabir Rao", "Meera Nair", "Rohan Gupta", "Sara Khan", "Ishaan Das", "Zoya Ali"];
// Where each seeded order ends up, and the events that take it there.
const PATHS: Record<OrderStatus, IngestEventBody["event"][]> = {
  confirmed: [],
  out_for_delivery: ["out_for_delivery"],
  delivered: ["out_for_delivery", "delivered"],
  delivery_failed: ["out_for_delivery", "delivery_failed"],
  return_initiated: ["out_for_delivery", "delivered", "return_initiated"],
};
const FINAL: OrderStatus[] = ["delivered", "delivered", "delivered", "out_for_delivery", "confirmed", "delivery_failed", "return_initiated"];

export async function seedIfEmpty(): Promise<boolean> {
  if ((await db.partner.count()) > 0) return false;
  await seed();
  return true;
}

/**
 * The demo: three partners and their users, 340 orders over the last week through the product's
 * own createOrder/changeOrderStatus, then the week of webhook and SMS history around them
 * (prisma/seed-history.ts). Deterministic apart from ids, secrets and the time it runs.
 */
export async function seed() {
  const now = Date.now();
  // One bcrypt hash for the shared demo password (each takes a while, on purpose).
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await createUser({ email: "support@waypoint.test", name: "Sam Support", role: "support", passwordHash });
  const kettle = await createPartner({ name: "Kettle & Crumb", tier: "smb" });
  const urban = await createPartner({ name: "UrbanKart", tier: "growth" });
  const sports = await createPartner({ name: "Sportsline Retail", tier: "enterprise" });
  await db.partner.update({ where: { id: kettle.id }, data: { trackingEnabled: true, smsEnabled: true } });
  const user = (email: string, partnerId: string) => {
    const account = DEMO_ACCOUNTS.find((a) => a.email === email)!;
    return createUser({ email, name: account.name, role: account.role, partnerId, passwordHash });
  };
  const [kettleAdmin, urbanAdmin, , sportsAdmin] = await Promise.all([
    user("owner@kettleandcrumb.test", kettle.id),
    user("lead@urbankart.test", urban.id),
    user("dev@urbankart.test", urban.id),
    user("integrations@sportsline.test", sports.id),
  ]);

  // Each partner's orders in one transaction on the plain-SQL path the ingest API takes (a commit
  // per status change made this most of the seed's time). One after the other: they share
  // riders, whose rows each status change locks.
  const prefixes = [[kettle, "KC", 60, 0], [urban, "UK", 110, 60], [sports, "SL", 170, 170]] as const;
  for (const [partner, prefix, count, first] of prefixes) {
    await sqlTransaction(async (sql) => {
      for (let i = 0; i < count; i++) await seedOrder(sql, partner.id, `${prefix}-${10_000 + i}`, first + i, orderTime(now, i, count, first + i), now);
    });
  }
  const history = await seedHistory({
    now,
    random: seededRandom(20_261_130),
    partners: { smb: kettle, growth: urban, enterprise: sports },
    admins: { smb: kettleAdmin, growth: urbanAdmin, enterprise: sportsAdmin },
  });
  if (history.skippedEndpoints) console.log(`Demo endpoints and their delivery history left out (${history.skippedEndpoints}).`);
}

const MINUTE = 60_000;
const WEEK = 7 * 24 * 60 * MINUTE;

/** Orders spread over the last week, the newest half an hour ago, a little uneven like real ones. */
const orderTime = (now: number, i: number, count: number, n: number) => now - WEEK + ((i + ((n * 7919) % 1000) / 1000) / count) * (WEEK - 30 * MINUTE);

/**
 * One order through the product's own functions: created, then the status changes of its path,
 * each a while after the previous (packing and dispatch, the ride, a return a day or two later).
 * A step that would lie in the future is not taken: the newest orders are still on their way.
 */
async function seedOrder(tx: Sql, partnerId: string, ref: string, n: number, createdAt: number, now: number) {
  const [riderName, riderPhone] = RIDERS[n % RIDERS.length]!;
  const phoneTail = String(1_000_000 + ((n * 104_729) % 8_999_999)).padStart(7, "0");
  const created = await createOrder(tx, { partnerId }, {
    merchant_order_ref: ref,
    customer_id: `cust_${(n * 31) % 997}`,
    customer_name: CUSTOMERS[n % CUSTOMERS.length]!,
    customer_phone: `+91987${phoneTail}`,
    occurred_at: new Date(createdAt).toISOString(),
  });
  const orderId = created.body.order_id;
  const gaps: Record<IngestEventBody["event"], number> = {
    out_for_delivery: (40 + ((n * 17) % 110)) * MINUTE,
    delivered: (20 + ((n * 13) % 50)) * MINUTE,
    delivery_failed: (25 + ((n * 11) % 40)) * MINUTE,
    return_initiated: (24 * 60 + ((n * 53) % (24 * 60))) * MINUTE,
  };
  let t = createdAt;
  for (const event of PATHS[FINAL[n % FINAL.length]!]) {
    t += gaps[event];
    if (t > now - MINUTE) return;
    const occurred_at = new Date(t).toISOString();
    const after = (minutes: number) => new Date(t + minutes * MINUTE).toISOString();
    const body: IngestEventBody =
      event === "out_for_delivery"
        ? { event, occurred_at, rider: { name: riderName, phone: riderPhone, id: `rider_${n % RIDERS.length}` }, otp: String(1000 + ((n * 37) % 9000)), eta_window: { from: after(20), to: after(80) } }
        : event === "delivered"
          ? { event, occurred_at, confirmation_method: "otp" }
          : event === "delivery_failed"
            ? { event, occurred_at, reason_code: "customer_unavailable", rescheduled_for: after(24 * 60) }
            : { event: "return_initiated", occurred_at, reason_code: "size_mismatch", condition: "unopened", pickup_eta: after(26 * 60) };
    await changeOrderStatus(tx, { partnerId }, orderId, body);
  }
}
