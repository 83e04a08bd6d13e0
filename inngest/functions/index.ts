import { deliverWebhook } from "@/inngest/functions/deliver";
import { retryDeliveries } from "@/inngest/functions/retry";
import { sweepOverdueDeliveries } from "@/inngest/functions/sweep";

export { deliverWebhook, retryDeliveries, sweepOverdueDeliveries };

/** Every function the serve route registers. */
export const functions = [deliverWebhook, retryDeliveries, sweepOverdueDeliveries];
