import { Activity, Building2, LayoutDashboard, LifeBuoy, MessageSquareText, Package, Settings, Webhook } from "lucide-react";

export const NAV_ITEMS = [
  { href: "/overview", label: "Overview", icon: LayoutDashboard, supportOnly: false },
  { href: "/orders", label: "Orders", icon: Package, supportOnly: false },
  { href: "/endpoints", label: "Endpoints", icon: Webhook, supportOnly: false },
  { href: "/events", label: "Event Log", icon: Activity, supportOnly: false },
  { href: "/tracking", label: "Tracking & SMS", icon: MessageSquareText, supportOnly: false },
  { href: "/settings", label: "Settings", icon: Settings, supportOnly: false },
  { href: "/support", label: "Support", icon: LifeBuoy, supportOnly: true },
  { href: "/support/partners", label: "Partners", icon: Building2, supportOnly: true },
] as const;
