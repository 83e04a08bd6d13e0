import { describe, expect, it } from "vitest";
import { navItemsFor } from "@/components/layout/nav-items";
import { settingsForTierChange, showsDeveloperScreens, TIER_PROFILES } from "@/lib/partners/tiers";

const labels = (ctx: Parameters<typeof navItemsFor>[0]) => navItemsFor(ctx).map((i) => i.label);

describe("tiers", () => {
  it("SMB leads with Orders and Tracking & SMS, developer screens behind Connect your own system until switched on", () => {
    const hidden = labels({ isSupport: false, tier: "smb", developerScreens: false });
    expect(hidden.slice(0, 2)).toEqual(["Orders", "Tracking & SMS"]);
    expect(hidden).not.toContain("Endpoints");
    expect(hidden).not.toContain("Event Log");
    expect(hidden.at(-1)).toBe("Connect your own system");
    const shown = labels({ isSupport: false, tier: "smb", developerScreens: true });
    expect(shown.slice(0, 2)).toEqual(["Orders", "Tracking & SMS"]);
    expect(shown).toEqual(expect.arrayContaining(["Endpoints", "Event Log", "Incidents"]));
    expect(shown).not.toContain("Connect your own system");
  });

  it("growth and enterprise lead with the developer screens; support gets the partner's navigation then the console", () => {
    for (const tier of ["growth", "enterprise"] as const) {
      const l = labels({ isSupport: false, tier, developerScreens: true });
      expect(l.slice(0, 4)).toEqual(["Overview", "Endpoints", "Event Log", "Incidents"]);
      expect(l.indexOf("Orders")).toBeGreaterThan(l.indexOf("Event Log"));
    }
    expect(labels({ isSupport: true, tier: "smb", developerScreens: false }).slice(-4)).toEqual(["Support", "SLA", "Support bundles", "Partners"]);
    expect(labels({ isSupport: true, tier: null, developerScreens: false })).toEqual(["Support", "SLA", "Support bundles", "Partners"]);
  });

  it("developer screens: by tier, or once an SMB partner connects its own system", () => {
    expect(showsDeveloperScreens({ tier: "smb", developerToolsEnabledAt: null })).toBe(false);
    expect(showsDeveloperScreens({ tier: "smb", developerToolsEnabledAt: new Date() })).toBe(true);
    expect(showsDeveloperScreens({ tier: "growth", developerToolsEnabledAt: null })).toBe(true);
  });

  it("a tier change moves only the settings still at the old tier's default", () => {
    const smb = TIER_PROFILES.smb;
    expect(settingsForTierChange({ tier: "smb", retrySchedule: smb.retrySchedule, timeoutMs: smb.timeoutMs }, "enterprise")).toEqual({
      retrySchedule: [...TIER_PROFILES.enterprise.retrySchedule],
      timeoutMs: TIER_PROFILES.enterprise.timeoutMs,
    });
    expect(settingsForTierChange({ tier: "smb", retrySchedule: [10, 60], timeoutMs: 5_000 }, "enterprise")).toEqual({});
  });
});
