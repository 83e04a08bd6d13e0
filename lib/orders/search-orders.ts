import "server-only";
import { trackingTokenIn } from "@/lib/orders/tracking-token";
import type { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { OrderStatus } from "@/lib/events/catalog";
import { maskPhone } from "@/lib/events/mask";

export const ORDERS_PAGE_SIZE = 25;
// Fewer digits than this match too many phones to mean "this customer".
const MIN_PHONE_DIGITS = 3;

export type OrderSearch = { q?: string; status?: OrderStatus; cursor?: string; limit?: number };

/**
 * "Where is my order?": one partner's orders, newest first, found by order reference, the last
 * digits of the customer's phone ("4214"), the customer's name, or the tracking token (a pasted
 * tracking link works too). Keyset-paginated on (createdAt, id): pages stay stable while new
 * orders arrive.
 */
export async function searchOrders(partnerId: string, search: OrderSearch) {
  const limit = search.limit ?? ORDERS_PAGE_SIZE;
  const and: Prisma.OrderWhereInput[] = [{ partnerId }];
  if (search.status) and.push({ status: search.status });
  const q = search.q?.trim();
  if (q) and.push({ OR: matchersFor(q) });
  if (search.cursor) and.push(afterCursor(search.cursor));

  const rows = await db.order.findMany({
    where: { AND: and },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: { id: true, merchantOrderRef: true, customerName: true, customerPhone: true, status: true, createdAt: true, updatedAt: true },
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    orders: page.map((o) => ({
      id: o.id,
      merchantOrderRef: o.merchantOrderRef,
      customerName: o.customerName,
      customerPhoneMasked: maskPhone(o.customerPhone),
      status: o.status,
      createdAt: o.createdAt,
      updatedAt: o.updatedAt,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}

function matchersFor(q: string): Prisma.OrderWhereInput[] {
  const token = trackingTokenIn(q) ?? q;
  const matchers: Prisma.OrderWhereInput[] = [
    { merchantOrderRef: { contains: q, mode: "insensitive" } },
    { customerName: { contains: q, mode: "insensitive" } },
    { trackingToken: token },
    { id: q },
  ];
  // "4214", "98123 45678", "+91 98123-45678": digits only once separators are dropped.
  const digits = q.replace(/[\s()+.-]/g, "");
  if (/^\d+$/.test(digits) && digits.length >= MIN_PHONE_DIGITS) matchers.push({ customerPhone: { endsWith: digits } });
  return matchers;
}

function encodeCursor(createdAt: Date, id: string) {
  return Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString("base64url");
}

function afterCursor(cursor: string): Prisma.OrderWhereInput {
  let createdAt: Date;
  let id: string;
  try {
    const [at, orderId] = JSON.parse(Buffer.from(cursor, "base64url").toString()) as [string, string];
    createdAt = new Date(at);
    id = String(orderId);
    if (Number.isNaN(createdAt.getTime())) throw new Error("bad date");
  } catch {
    throw new AppError("bad_request", "cursor: not a cursor this API returned");
  }
  return { OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] };
}
