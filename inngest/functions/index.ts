import { deliverWebhook } from "@/inngest/functions/deliver";
import { retryDeliveries } from "@/inngest/functions/retry";
import { sendSms, sweepDueSms } from "@/inngest/functions/send-sms";
import { sweepOverdueDeliveries } from "@/inngest/functions/sweep";

export { deliverWebhook, retryDeliveries, sweepOverdueDeliveries, sendSms, sweepDueSms };

/** Every function the serve route registers. */
export const functions = [deliverWebhook, retryDeliveries, sweepOverdueDeliveries, sendSms, sweepDueSms];
