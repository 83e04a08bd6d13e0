// lib/support owns the support console's cross-partner reads: orders, endpoints, dead-letters.
import "server-only";
import { db } from "@/lib/db/client";

/** Support's search across every partner: order ref, tracking token, or the phone's last digits. */
export async function findOrdersAcrossPartners(q: string, limit = 50) {
  const term = q.trim();
  if (term.length < 2) return [];
  const digits = term.replace(/\D/g, "");
  return db.order.findMany({
    where: {
      OR: [
        { merchantOrderRef: { contains: term, mode: "insensitive" } },
        { trackingToken: term },
        { id: term },
        ...(digits.length >= 3 && digits.length === term.replace(/[\s+-]/g, "").length ? [{ customerPhone: { endsWith: digits } }] : []),
      ],
    },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, merchantOrderRef: true, status: true, customerName: true, createdAt: true, partner: { select: { id: true, name: true } } },
  });
}
