import { TrackingMessage } from "@/components/tracking/tracking-message";
import { TRACKING_NOT_FOUND } from "@/lib/tracking/view";

export default function TrackingNotFound() {
  return <TrackingMessage title={TRACKING_NOT_FOUND} description="Check the link in your SMS, or contact the merchant." />;
}
