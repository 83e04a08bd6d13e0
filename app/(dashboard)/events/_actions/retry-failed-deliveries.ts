"use server";

import { runAction } from "@/lib/actions/result";
import { requirePartnerScope } from "@/lib/auth/session";
import { retryFailedDeliveries } from "@/lib/delivery/retry";
import { parseEventLogFilter } from "@/lib/event-log/filter";
import { toBulkRetryJson } from "@/lib/event-log/to-api-shape";

// "Retry all failed" for the filter on screen (the same query as the list, so the same count).
export async function retryFailedDeliveriesAction(query: Record<string, string>) {
  return runAction(async () => {
    const scope = await requirePartnerScope();
    const { filter } = parseEventLogFilter(query);
    return toBulkRetryJson(await retryFailedDeliveries(scope, filter, scope.user));
  });
}
