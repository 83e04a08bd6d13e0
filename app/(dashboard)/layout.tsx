import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { getSessionUser, requirePageScope } from "@/lib/auth/session";
import { getPartner, listPartners } from "@/lib/partners/queries";
import { listDisabledEndpoints } from "@/lib/delivery/auto-disable";
import { listOpenIncidents } from "@/lib/alerts/incidents";
import { showsDeveloperScreens } from "@/lib/partners/tiers";
import { listV1Endpoints, v1SunsetStatus } from "@/lib/sunset/v1";
import { DisabledEndpointsBanner } from "@/components/layout/disabled-endpoints-banner";
import { IncidentsBanner } from "@/components/layout/incidents-banner";
import { V1SunsetBanner } from "@/components/layout/v1-sunset-banner";
import { SidebarNav } from "@/components/layout/sidebar-nav";
import { PartnerSwitcher } from "@/components/layout/partner-switcher";
import { ThemeToggle } from "@/components/layout/theme-toggle";
import { WaypointLogo } from "@/components/layout/waypoint-logo";
import { UserMenu } from "@/components/layout/user-menu";
import { MobileNav } from "@/components/layout/mobile-nav";
import { signOutAction, switchPartner } from "./_actions/session";

const ROLE_LABEL = { partner_admin: "Partner admin", partner_member: "Partner member", support: "Support staff" } as const;

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  const isSupport = user.role === "support";
  // Support on a fresh deployment has no partner to act as yet: the support pages still work.
  const scope = isSupport && (await listPartners()).length === 0 ? null : await requirePageScope();
  const [partner, partners, disabled, incidents, onV1] = await Promise.all([
    scope ? getPartner(scope.partnerId) : null,
    isSupport ? listPartners() : null,
    scope ? listDisabledEndpoints(scope.partnerId) : [],
    scope ? listOpenIncidents(scope.partnerId) : [],
    scope ? listV1Endpoints(scope.partnerId) : [],
  ]);
  const sunset = v1SunsetStatus();

  const sidebar = (
    <>
      <div className="flex items-center justify-between">
        <WaypointLogo />
        <ThemeToggle />
      </div>
      <div className="grid gap-1">
        <span className="px-1 text-xs font-medium uppercase tracking-wide text-muted-foreground">Partner</span>
        {partners && scope ? (
          <PartnerSwitcher partners={partners} currentId={scope.partnerId} onSwitch={switchPartner} />
        ) : partners ? (
          <span className="px-1 text-sm text-muted-foreground">No partners yet</span>
        ) : (
          <span className="px-1 text-sm font-medium" data-testid="partner-name">{partner?.name}</span>
        )}
      </div>
      <SidebarNav isSupport={isSupport} tier={partner?.tier ?? null} developerScreens={partner ? showsDeveloperScreens(partner) : false} />
      <div className="mt-auto">
        <UserMenu name={user.name} email={user.email} roleLabel={ROLE_LABEL[user.role]} signOutAction={signOutAction} />
      </div>
    </>
  );

  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      {/* Phones: a top bar with the menu in a sheet. Desktop: the sidebar stays put while the page scrolls. */}
      <header className="sticky top-0 z-30 flex items-center justify-between border-b bg-sidebar px-4 py-2 md:hidden">
        <WaypointLogo />
        <MobileNav>{sidebar}</MobileNav>
      </header>
      <aside className="sticky top-0 hidden h-screen w-60 shrink-0 flex-col gap-6 overflow-y-auto border-r bg-sidebar p-4 md:flex">{sidebar}</aside>
      <main className="min-w-0 flex-1 p-4 md:p-6 lg:p-8">
        <IncidentsBanner incidents={incidents} />
        <DisabledEndpointsBanner endpoints={disabled} />
        <V1SunsetBanner endpoints={onV1} sunsetDate={sunset.date} daysLeft={sunset.daysLeft} />
        {children}
      </main>
    </div>
  );
}
