import Link from "next/link";
import { cn } from "@/lib/utils";

const TABS = [
  { href: "/settings", label: "General" },
  { href: "/settings/team", label: "Team" },
  { href: "/settings/alerts", label: "Alerts" },
  { href: "/settings/order-sources", label: "Order sources" },
  { href: "/settings/account", label: "Your account" },
] as const;

export function SettingsNav({ current }: { current: (typeof TABS)[number]["href"] }) {
  return (
    <nav aria-label="Settings sections" className="mb-6 flex gap-1 border-b">
      {TABS.map((t) => (
        <Link
          key={t.href}
          href={t.href}
          aria-current={t.href === current ? "page" : undefined}
          className={cn("-mb-px border-b-2 px-3 py-2 text-sm", t.href === current ? "border-primary font-medium" : "border-transparent text-muted-foreground hover:text-foreground")}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
