"use server";

import { z } from "zod";
import { runAction } from "@/lib/actions/result";
import { requirePartnerScope } from "@/lib/auth/session";
import { retryDelivery } from "@/lib/delivery/retry";
import { toRetryResultJson } from "@/lib/event-log/to-api-shape";

// "Retry" on one delivery. Partner members may retry too (operating, not configuring); support
// staff act on the partner chosen in the switcher. The result is shown where the button was.
export async function retryDeliveryAction(deliveryId: string) {
  return runAction(async () => {
    const scope = await requirePartnerScope();
    const id = z.string().min(1, "delivery id is required").parse(deliveryId);
    return toRetryResultJson(await retryDelivery(scope, id, scope.user));
  });
}
