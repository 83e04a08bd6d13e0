"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requirePartnerScope } from "@/lib/auth/session";
import { runAction } from "@/lib/actions/result";
import { actorFromScope } from "@/lib/endpoints/actor";
import { sendTestEvent } from "@/lib/endpoints/send-test-event";
import { EVENT_TYPES } from "@/lib/events/catalog";

const inputSchema = z.strictObject({
  endpointId: z.string().min(1).max(64),
  eventType: z.enum(EVENT_TYPES),
  // The preview's id and time, so what is sent is byte for byte what was shown.
  eventId: z.string().regex(/^evt_test_[A-Za-z0-9]{1,64}$/).optional(),
  occurredAt: z.iso.datetime().optional(),
});

/**
 * Any partner user may send a test event (it changes nothing in Waypoint, and the developer
 * testing a receiver is often a member); it is audit-logged with their name.
 */
export async function sendTestEventAction(input: unknown) {
  return runAction(async () => {
    const scope = await requirePartnerScope();
    const { endpointId, eventType, eventId, occurredAt } = inputSchema.parse(input);
    const result = await sendTestEvent(scope.partnerId, endpointId, { eventType, eventId, occurredAt: occurredAt ? new Date(occurredAt) : undefined }, actorFromScope(scope));
    revalidatePath(`/endpoints/${endpointId}`);
    return result;
  });
}
