import "server-only";
import { db } from "@/lib/db/client";
import { buildChecklist, funnelDurations, median, type FunnelMilestones } from "@/lib/onboarding/rules";

/** The Overview checklist for one partner: each step read from what actually happened. */
export async function getOnboardingChecklist(partnerId: string) {
  const [partner, endpointIds, firstDelivery] = await Promise.all([
    db.partner.findUnique({ where: { id: partnerId }, select: { secretCopiedAt: true, endpointCheckPassedAt: true } }),
    db.endpoint.findMany({ where: { partnerId }, select: { id: true } }).then((rows) => rows.map((r) => r.id)),
    db.delivery.findFirst({ where: { partnerId, status: "delivered" }, select: { id: true } }),
  ]);
  const testSent = endpointIds.length > 0 && (await db.deliveryAttempt.findFirst({ where: { endpointId: { in: endpointIds }, trigger: "test" }, select: { id: true } })) !== null;
  const checklist = buildChecklist({
    endpoint_added: endpointIds.length > 0,
    secret_copied: Boolean(partner?.secretCopiedAt),
    test_sent: testSent,
    check_passed: Boolean(partner?.endpointCheckPassedAt),
    first_delivery: firstDelivery !== null,
  });
  // Shown until the partner is live, and for a day after the check passed, so the last tick is seen.
  const checkedAt = partner?.endpointCheckPassedAt?.getTime() ?? null;
  const show = !checklist.live || (checkedAt !== null && Date.now() - checkedAt < SHOW_AFTER_LIVE_MS);
  return { ...checklist, show };
}

const SHOW_AFTER_LIVE_MS = 24 * 3_600_000;

/** Set once, the first time anyone of the partner reveals or copies an endpoint's secret. */
export const markSecretCopied = (partnerId: string) =>
  db.partner.updateMany({ where: { id: partnerId, secretCopiedAt: null }, data: { secretCopiedAt: new Date() } });

type FunnelRow = { id: string; name: string; tier: string; createdAt: Date; firstInviteSentAt: Date | null; firstInviteAcceptedAt: Date | null; endpointCheckPassedAt: Date | null; firstDeliveryAt: Date | null };

/**
 * Time to first verified delivery, per partner, for support. The first delivery is read through
 * the (partnerId, status, createdAt) index: the earliest-created delivered row, one index probe
 * per partner rather than a scan of every delivery.
 */
export async function getOnboardingFunnel() {
  const rows = await db.$queryRaw<FunnelRow[]>`
    SELECT p.id, p.name, p.tier::text AS tier, p."createdAt", p."firstInviteSentAt", p."firstInviteAcceptedAt", p."endpointCheckPassedAt",
           first."deliveredAt" AS "firstDeliveryAt"
    FROM "Partner" p
    LEFT JOIN LATERAL (
      SELECT d."deliveredAt" FROM "Delivery" d
      WHERE d."partnerId" = p.id AND d.status = 'delivered'
      ORDER BY d."createdAt" ASC LIMIT 1
    ) first ON true
    ORDER BY p."createdAt" DESC`;
  const partners = rows.map((r) => {
    const milestones: FunnelMilestones = { inviteSentAt: r.firstInviteSentAt, inviteAcceptedAt: r.firstInviteAcceptedAt, checkPassedAt: r.endpointCheckPassedAt, firstDeliveryAt: r.firstDeliveryAt };
    return { id: r.id, name: r.name, tier: r.tier, createdAt: r.createdAt, ...milestones, durations: funnelDurations(milestones) };
  });
  const totals = partners.map((p) => p.durations.total).filter((v): v is number => v !== null);
  return { partners, medianTotalMs: median(totals), completed: totals.length };
}
export type OnboardingFunnel = Awaited<ReturnType<typeof getOnboardingFunnel>>;
