// lib/partners owns partner accounts: creation, tiers and their defaults, retry policy, logos.
import "server-only";
import { db } from "@/lib/db/client";

export const listPartners = () =>
  db.partner.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, tier: true } });

export const getPartner = (partnerId: string) =>
  db.partner.findUnique({ where: { id: partnerId } });

/** The retry policy as the Settings form edits it (timeout in whole seconds). */
export async function getRetryPolicy(partnerId: string) {
  const partner = await db.partner.findUnique({ where: { id: partnerId }, select: { retrySchedule: true, timeoutMs: true } });
  return partner ? { retrySchedule: partner.retrySchedule, timeoutSeconds: Math.round(partner.timeoutMs / 1000) } : null;
}
