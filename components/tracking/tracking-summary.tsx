import type { TrackingView } from "@/lib/tracking/view";
import { formatCustomerDateTime, formatCustomerWindow } from "@/lib/time/format";

/** The one sentence under the status: what happens next, in the customer's words. */
export function statusSummary(view: TrackingView, timeZone: string): string {
  switch (view.status) {
    case "confirmed":
      return "Your order is confirmed. We'll update this page when it's on its way.";
    case "out_for_delivery": {
      const eta = view.out_for_delivery;
      return eta?.eta_from && eta.eta_to ? `Arriving ${formatCustomerWindow(eta.eta_from, eta.eta_to, timeZone)}` : "Your order is on its way.";
    }
    case "delivered":
      return view.delivered_at ? `Delivered ${formatCustomerDateTime(view.delivered_at, timeZone)}` : "Your order has been delivered.";
    case "delivery_failed": {
      const slot = view.failure?.rescheduled_for;
      const reason = view.failure?.reason ?? "We couldn't complete the delivery";
      return slot ? `${reason}. Next attempt ${formatCustomerDateTime(slot, timeZone)}` : `${reason}. We'll be in touch to arrange another attempt.`;
    }
    case "return_initiated":
      return view.return_pickup_eta ? `Return pickup ${formatCustomerDateTime(view.return_pickup_eta, timeZone)}` : "Your return has started. We'll be in touch about the pickup.";
  }
}

/** While out for delivery: who is coming, and the code to give them at the door. */
export function RiderCard({ ofd, timeZone }: { ofd: NonNullable<TrackingView["out_for_delivery"]>; timeZone: string }) {
  return (
    <section aria-labelledby="rider-heading" className="rounded-xl border bg-card p-5 shadow-sm">
      <h2 id="rider-heading" className="text-sm font-medium text-muted-foreground">
        Your delivery
      </h2>
      <dl className="mt-3 grid gap-4">
        {ofd.rider_name ? (
          <div>
            <dt className="text-xs text-muted-foreground">Rider</dt>
            <dd className="text-lg font-semibold">{ofd.rider_name}</dd>
            {ofd.rider_phone_masked ? <dd className="text-sm text-muted-foreground">{ofd.rider_phone_masked}</dd> : null}
          </div>
        ) : null}
        {ofd.otp ? (
          <div>
            <dt className="text-xs text-muted-foreground">Delivery OTP</dt>
            <dd className="font-mono text-3xl font-bold tracking-[0.3em]" data-testid="delivery-otp">
              {ofd.otp}
            </dd>
            <dd className="text-xs text-muted-foreground">Share it with the rider only when you have your order in hand.</dd>
          </div>
        ) : null}
        {ofd.eta_from && ofd.eta_to ? (
          <div>
            <dt className="text-xs text-muted-foreground">Expected</dt>
            <dd className="font-medium">{formatCustomerWindow(ofd.eta_from, ofd.eta_to, timeZone)}</dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}
