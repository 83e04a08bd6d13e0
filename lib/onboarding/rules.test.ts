import { describe, expect, it } from "vitest";
import { buildChecklist, formatDuration, funnelDurations, median } from "@/lib/onboarding/rules";

const t = (min: number) => new Date(Date.UTC(2026, 10, 30, 0, min));

describe("onboarding rules", () => {
  it("is live only when every step is done", () => {
    const partial = buildChecklist({ endpoint_added: true, secret_copied: true, test_sent: false, check_passed: false, first_delivery: false });
    expect(partial).toMatchObject({ completed: 2, total: 5, live: false });
    expect(partial.steps.map((s) => s.done)).toEqual([true, true, false, false, false]);
    expect(buildChecklist({ endpoint_added: true, secret_copied: true, test_sent: true, check_passed: true, first_delivery: true }).live).toBe(true);
  });

  it("measures each stage and the total from invite to first verified delivery", () => {
    expect(funnelDurations({ inviteSentAt: t(0), inviteAcceptedAt: t(30), checkPassedAt: t(75), firstDeliveryAt: t(95) })).toEqual({
      toAccept: 30 * 60_000,
      toCheck: 45 * 60_000,
      toFirstDelivery: 20 * 60_000,
      total: 95 * 60_000,
    });
    // A delivery without a passed check is not a *verified* first delivery.
    expect(funnelDurations({ inviteSentAt: t(0), inviteAcceptedAt: t(30), checkPassedAt: null, firstDeliveryAt: t(95) }).total).toBeNull();
  });

  it("takes the median and formats durations", () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(20_000)).toBe("< 1 min");
    expect(formatDuration(95 * 60_000)).toBe("1 h 35 min");
    expect(formatDuration(50 * 3_600_000)).toBe("2 d 2 h");
  });
});
