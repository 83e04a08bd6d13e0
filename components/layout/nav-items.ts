import { Activity, Building2, FileJson, Gauge, Inbox, LayoutDashboard, LifeBuoy, MessageSquareText, Package, PlugZap, Settings, Siren, Webhook } from "lucide-react";
import { TIER_PROFILES, type PartnerTier } from "@/lib/partners/tiers";

type NavItem = { href: string; label: string; icon: typeof Activity };

const item = (href: string, label: string, icon: typeof Activity): NavItem => ({ href, label, icon });

const OVERVIEW = item("/overview", "Overview", LayoutDashboard);
const ORDERS = item("/orders", "Orders", Package);
// Orders from sales channels (Shopify, WooCommerce, generic): no engineer needed, so every tier has it.
const INTAKE = item("/intake", "Intake Log", Inbox);
const TRACKING = item("/tracking", "Tracking & SMS", MessageSquareText);
const SETTINGS = item("/settings", "Settings", Settings);
const CONNECT = item("/connect", "Connect your own system", PlugZap);
// Developer screens: what a team with engineers works in.
const DEVELOPER = [item("/endpoints", "Endpoints", Webhook), item("/events", "Event Log", Activity), item("/incidents", "Incidents", Siren)];
const SUPPORT = [item("/support", "Support", LifeBuoy), item("/support/sla", "SLA", Gauge), item("/support/bundles", "Support bundles", FileJson), item("/support/partners", "Partners", Building2)];

export type NavContext = { isSupport: boolean; tier: PartnerTier | null; developerScreens: boolean };

/**
 * The sidebar for a partner's tier (lib/partners/tiers.ts): SMB leads with Orders and Tracking &
 * SMS and keeps the developer screens behind "Connect your own system" until it is switched on;
 * growth and enterprise lead with the developer screens. Support staff get the partner's own
 * navigation for the partner they act as, then the support console.
 */
export function navItemsFor({ isSupport, tier, developerScreens }: NavContext): NavItem[] {
  const partner: NavItem[] = !tier
    ? []
    : TIER_PROFILES[tier].navigation === "developer_first"
      ? [OVERVIEW, ...DEVELOPER, ORDERS, INTAKE, TRACKING, SETTINGS]
      : [ORDERS, TRACKING, INTAKE, OVERVIEW, ...(developerScreens ? DEVELOPER : []), SETTINGS, ...(developerScreens ? [] : [CONNECT])];
  return isSupport ? [...partner, ...SUPPORT] : partner;
}
