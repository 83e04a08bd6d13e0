import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { sendMail } from "@/lib/mail/send-mail";
import { daysUntilSunset, dueSunsetMilestone, formatSunsetDate, isV1Choosable, sunsetInstant } from "@/lib/sunset/policy";

/** The configured end of support (V1_SUNSET_DATE). */
export const v1SunsetDate = () => env.V1_SUNSET_DATE;

/** What the endpoint form offers: v1 with its end date, or not at all once it has passed. */
export const v1FormState = (now = new Date()) => ({ until: env.V1_SUNSET_DATE, choosable: isV1Choosable(now, env.V1_SUNSET_DATE) });

/** The date and the whole days left, for banners. */
export const v1SunsetStatus = (now = new Date()) => ({ date: env.V1_SUNSET_DATE, daysLeft: daysUntilSunset(now, env.V1_SUNSET_DATE) });

/**
 * Refuses v1 for an endpoint that is not already on it, from the sunset date on (creating one,
 * or switching a v2 endpoint back). Worded for the form's schemaVersion field.
 */
export function assertSchemaVersionAllowed(next: string | undefined, current: string | null, now = new Date()) {
  if (next !== "v1" || current === "v1" || isV1Choosable(now, env.V1_SUNSET_DATE)) return;
  throw new AppError("validation_failed", `schemaVersion: payload v1 reached its end of support on ${formatSunsetDate(env.V1_SUNSET_DATE)}; choose v2.`);
}

/** Partners with endpoints still on v1, for the support console and the notices. */
export async function listPartnersOnV1() {
  const rows = await db.endpoint.findMany({
    where: { schemaVersion: "v1" },
    select: { id: true, url: true, enabled: true, partnerId: true, partner: { select: { name: true, tier: true } } },
    orderBy: [{ partnerId: "asc" }, { createdAt: "asc" }],
  });
  const byPartner = new Map<string, { partnerId: string; name: string; tier: string; endpoints: { id: string; url: string; enabled: boolean }[] }>();
  for (const r of rows) {
    const entry = byPartner.get(r.partnerId) ?? { partnerId: r.partnerId, name: r.partner.name, tier: r.partner.tier, endpoints: [] };
    entry.endpoints.push({ id: r.id, url: r.url, enabled: r.enabled });
    byPartner.set(r.partnerId, entry);
  }
  const notices = await db.sunsetNotice.findMany({ where: { partnerId: { in: [...byPartner.keys()] } }, orderBy: { sentAt: "desc" } });
  return [...byPartner.values()]
    .map((p) => ({ ...p, lastNotice: notices.find((n) => n.partnerId === p.partnerId) ?? null }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** A partner's v1 endpoints, for its banner. */
export const listV1Endpoints = (partnerId: string) => db.endpoint.findMany({ where: { partnerId, schemaVersion: "v1" }, select: { id: true, url: true } });

/**
 * The 90/30/7-day notices: each partner with a v1 endpoint gets the one due (once; SunsetNotice
 * records it before the mails go, so two processes never both send). Returns how many partners
 * were told. Cheap when nothing is due: run it from the monitor loop.
 */
export async function sendDueSunsetNotices(now = new Date()): Promise<number> {
  const date = env.V1_SUNSET_DATE;
  if (dueSunsetMilestone(now, date, []) === null) return 0;
  let told = 0;
  for (const p of await listPartnersOnV1()) {
    const sent = (await db.sunsetNotice.findMany({ where: { partnerId: p.partnerId }, select: { milestoneDays: true } })).map((n) => n.milestoneDays);
    const milestone = dueSunsetMilestone(now, date, sent);
    if (milestone === null) continue;
    const claimed = await db.sunsetNotice.createMany({ data: [{ partnerId: p.partnerId, milestoneDays: milestone, sentAt: now }], skipDuplicates: true });
    if (claimed.count === 0) continue;
    const admins = await db.user.findMany({ where: { partnerId: p.partnerId, role: "partner_admin" }, select: { email: true } });
    const template = { kind: "v1_sunset" as const, partnerName: p.name, sunsetDate: sunsetInstant(date), daysLeft: daysUntilSunset(now, date), endpointUrls: p.endpoints.map((e) => e.url), dashboardUrl: `${env.APP_URL}/endpoints` };
    for (const a of admins) await sendMail({ partnerId: p.partnerId, to: a.email, template });
    logger.info({ partnerId: p.partnerId, milestone }, "v1 sunset notice sent");
    told++;
  }
  return told;
}
