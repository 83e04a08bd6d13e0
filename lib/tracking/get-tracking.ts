// lib/tracking owns the public tracking page: its view and the Layer 1 settings (switches, the customers' time zone).
import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isTrackingToken } from "@/lib/orders/tracking-token";
import { logoUrl } from "@/lib/partners/partner-logo";
import { buildTrackingView } from "@/lib/tracking/build-view";
import { TRACKING_NOT_FOUND, type TrackingView } from "@/lib/tracking/view";

/** `timeZone` (Partner.timeZone) is what the page writes times in; the JSON route sends the view alone. */
export type PublicTracking = { kind: "ok"; view: TrackingView; timeZone: string } | { kind: "disabled" };

/**
 * The one read behind the public page and its JSON route. The token is the only key: an
 * unknown one is "not found", and a partner with tracking off gets "not available", without
 * naming the merchant or saying anything else about the order.
 */
export async function getPublicTracking(token: string): Promise<PublicTracking> {
  if (!isTrackingToken(token)) throw new AppError("not_found", TRACKING_NOT_FOUND);
  const order = await db.order.findUnique({
    where: { trackingToken: token },
    select: {
      merchantOrderRef: true,
      status: true,
      updatedAt: true,
      partner: { select: { name: true, trackingEnabled: true, timeZone: true, logo: { select: { id: true } } } },
      events: { orderBy: { occurredAt: "asc" }, select: { payload: true } },
    },
  });
  if (!order) throw new AppError("not_found", TRACKING_NOT_FOUND);
  if (!order.partner.trackingEnabled) return { kind: "disabled" };
  const merchantLogoUrl = order.partner.logo ? logoUrl(order.partner.logo.id) : null;
  const timeZone = order.partner.timeZone;
  return { kind: "ok", view: buildTrackingView({ ...order, merchantName: order.partner.name, merchantLogoUrl, timeZone }), timeZone };
}
