"use client";

import { useState } from "react";
import { NativeSelect } from "@/components/team/native-select";
import { ActionButton } from "@/components/actions/action-button";
import type { ActionResult } from "@/lib/actions/types";
import { PARTNER_TIERS, TIER_PROFILES, type PartnerTier } from "@/lib/partners/tiers";

type Change = (input: { partnerId: string; tier: PartnerTier }) => Promise<ActionResult<unknown>>;

/** A partner's tier with a "Change" button (support only; audited in the partner's log). */
export function TierChanger({ partnerId, partnerName, tier, change }: { partnerId: string; partnerName: string; tier: PartnerTier; change: Change }) {
  const [next, setNext] = useState<PartnerTier>(tier);
  return (
    <div className="flex items-center gap-2">
      <NativeSelect aria-label={`Tier of ${partnerName}`} value={next} onChange={(e) => setNext(e.target.value as PartnerTier)}>
        {PARTNER_TIERS.map((t) => (
          <option key={t} value={t}>
            {TIER_PROFILES[t].label}
          </option>
        ))}
      </NativeSelect>
      <ActionButton size="sm" variant="outline" disabled={next === tier} action={change} input={{ partnerId, tier: next }} label="Change tier" success={`${partnerName} is now ${TIER_PROFILES[next].label}.`} />
    </div>
  );
}
