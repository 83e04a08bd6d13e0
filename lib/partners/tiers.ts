// What each partner tier gets by default, in one table (browser-safe: the navigation reads it
// too). The seeds' tiers: SMB merchants have no engineers (tracking and SMS first, developer
// screens only after "Connect your own system"); growth and enterprise integrate by webhooks.
// Defaults apply when a partner is created and when support changes its tier (a setting the
// partner changed itself is kept).
import { DEFAULT_RETRY_SCHEDULE_S, DEFAULT_TIMEOUT_MS } from "@/lib/delivery/policy";

export const PARTNER_TIERS = ["smb", "growth", "enterprise"] as const;
export type PartnerTier = (typeof PARTNER_TIERS)[number];

export type TierProfile = {
  label: string;
  /** Which screens the navigation leads with. */
  navigation: "tracking_first" | "developer_first";
  /** Developer screens (endpoints, Event Log, API keys, retry policy) shown without "Connect your own system". */
  developerScreensByDefault: boolean;
  /** Retry delays (seconds) and per-attempt timeout for a new partner of this tier. */
  retrySchedule: readonly number[];
  timeoutMs: number;
};

export const TIER_PROFILES: Record<PartnerTier, TierProfile> = {
  smb: { label: "SMB", navigation: "tracking_first", developerScreensByDefault: false, retrySchedule: DEFAULT_RETRY_SCHEDULE_S, timeoutMs: DEFAULT_TIMEOUT_MS },
  growth: { label: "Growth", navigation: "developer_first", developerScreensByDefault: true, retrySchedule: DEFAULT_RETRY_SCHEDULE_S, timeoutMs: DEFAULT_TIMEOUT_MS },
  // Enterprise CRM stacks: two more retries (30 min, 2 h) ride out a longer outage before a dead-letter.
  enterprise: { label: "Enterprise", navigation: "developer_first", developerScreensByDefault: true, retrySchedule: [...DEFAULT_RETRY_SCHEDULE_S, 1800, 7200], timeoutMs: 15_000 },
};

/** Whether the partner sees the developer screens: by tier, or after "Connect your own system". */
export const showsDeveloperScreens = (p: { tier: PartnerTier; developerToolsEnabledAt: Date | string | null }) =>
  TIER_PROFILES[p.tier].developerScreensByDefault || p.developerToolsEnabledAt !== null;

const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * The settings a tier change moves to the new tier's defaults: only those still at the old
 * tier's default (a partner's own retry policy is theirs).
 */
export function settingsForTierChange(current: { tier: PartnerTier; retrySchedule: readonly number[]; timeoutMs: number }, next: PartnerTier) {
  const from = TIER_PROFILES[current.tier];
  const to = TIER_PROFILES[next];
  return {
    ...(same(current.retrySchedule, from.retrySchedule) ? { retrySchedule: [...to.retrySchedule] } : {}),
    ...(current.timeoutMs === from.timeoutMs ? { timeoutMs: to.timeoutMs } : {}),
  };
}
