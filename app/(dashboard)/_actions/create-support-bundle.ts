"use server";

import { z } from "zod";
import { runAction } from "@/lib/actions/result";
import { requirePartnerScope } from "@/lib/auth/session";
import { createSupportBundle } from "@/lib/support-bundle/bundles";
import { BUNDLE_KINDS } from "@/lib/support-bundle/build";

const input = z.object({ kind: z.enum(BUNDLE_KINDS), id: z.string().min(1).max(200) });

/** Any user of the partner (or support acting as it) snapshots an event, endpoint or order for a ticket. */
export async function createSupportBundleAction(raw: z.input<typeof input>) {
  return runAction(async () => {
    const scope = await requirePartnerScope();
    const { kind, id } = input.parse(raw);
    return createSupportBundle(scope.partnerId, kind, id, scope.user);
  });
}
