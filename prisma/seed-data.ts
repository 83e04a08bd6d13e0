import { db } from "@/lib/db/client";
import type { OrderStatus } from "@/lib/db/generated/enums";
import type { IngestEventBody } from "@/lib/events/input";
import { createOrder } from "@/lib/orders/create-order";
import { changeOrderStatus } from "@/lib/orders/change-status";
import { createPartner, createUser } from "@/prisma/factories";

export const DEMO_CREDENTIALS = {
  password: "waypoint-demo",
  users: [
    { role: "support", email: "support@waypoint.test" },
    { role: "partner_admin", email: "owner@kettleandcrumb.test", partner: "Kettle & Crumb (SMB)" },
    { role: "partner_admin", email: "lead@urbankart.test", partner: "UrbanKart (growth)" },
    { role: "partner_member", email: "dev@urbankart.test", partner: "UrbanKart (growth)" },
    { role: "partner_admin", email: "integrations@sportsline.test", partner: "Sportsline Retail (enterprise)" },
  ],
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

export async function seed() {
  const password = DEMO_CREDENTIALS.password;
  await createUser({ email: "support@waypoint.test", name: "Sam Support", role: "support", password });
  const kettle = await createPartner({ name: "Kettle & Crumb", tier: "smb" });
  const urban = await createPartner({ name: "UrbanKart", tier: "growth" });
  const sports = await createPartner({ name: "Sportsline Retail", tier: "enterprise" });
  await db.partner.update({ where: { id: kettle.id }, data: { trackingEnabled: true, smsEnabled: true } });
  await createUser({ email: "owner@kettleandcrumb.test", name: "Neha Kapoor", role: "partner_admin", partnerId: kettle.id, password });
  await createUser({ email: "lead@urbankart.test", name: "Arjun Mehta", role: "partner_admin", partnerId: urban.id, password });
  await createUser({ email: "dev@urbankart.test", name: "Tara Joseph", role: "partner_member", partnerId: urban.id, password });
  await createUser({ email: "integrations@sportsline.test", name: "Dev Patel", role: "partner_admin", partnerId: sports.id, password });

  const prefixes = [[kettle, "KC", 60], [urban, "UK", 110], [sports, "SL", 170]] as const;
  let n = 0;
  for (const [partner, prefix, count] of prefixes) {
    for (let i = 0; i < count; i++, n++) await seedOrder(partner.id, `${prefix}-${10_000 + i}`, n);
  }
}

async function seedOrder(partnerId: string, ref: string, n: number) {
  const start = Date.now() - ((n * 7919) % (7 * 24 * 60)) * 60_000 - 6 * 3_600_000;
  const at = (hours: number) => new Date(start + hours * 3_600_000).toISOString();
  const [riderName, riderPhone] = RIDERS[n % RIDERS.length]!;
  const phoneTail = String(1_000_000 + ((n * 104_729) % 8_999_999)).padStart(7, "0");
  const created = await db.$transaction((tx) =>
    createOrder(tx, { partnerId }, {
      merchant_order_ref: ref,
      customer_id: `cust_${(n * 31) % 997}`,
      customer_name: CUSTOMERS[n % CUSTOMERS.length]!,
      customer_phone: `+91987${phoneTail}`,
      occurred_at: at(0),
    }),
  );
  const orderId = created.body.order_id;
  const steps = PATHS[FINAL[n % FINAL.length]!];
  for (const [i, event] of steps.entries()) {
    const occurred_at = at(i + 1);
    const body: IngestEventBody =
      event === "out_for_delivery"
        ? { event, occurred_at, rider: { name: riderName, phone: riderPhone, id: `rider_${n % RIDERS.length}` }, otp: String(1000 + ((n * 37) % 9000)), eta_window: { from: at(i + 1.5), to: at(i + 2.5) } }
        : event === "delivered"
          ? { event, occurred_at, confirmation_method: "otp" }
          : event === "delivery_failed"
            ? { event, occurred_at, reason_code: "customer_unavailable", rescheduled_for: at(i + 24) }
            : { event: "return_initiated", occurred_at, reason_code: "size_mismatch", condition: "unopened", pickup_eta: at(i + 26) };
    await db.$transaction((tx) => changeOrderStatus(tx, { partnerId }, orderId, body));
  }
}
