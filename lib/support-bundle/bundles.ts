import "server-only";
import { randomBytes } from "node:crypto";
import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { notFound } from "@/lib/errors";
import { buildBundleContent, type BundleContent, type BundleKind } from "@/lib/support-bundle/build";

// Support bundles are snapshots: what the partner saw when they asked for help, kept under a
// random id (160 bits) that the support link carries. The partner downloads it as JSON; support
// opens the link in the console (/support/bundles/{id}). Only the partner and support reach it.

export type SupportBundleRef = { id: string; supportUrl: string; downloadPath: string; fileName: string; content: BundleContent };

const ref = (id: string, kind: string, content: BundleContent): SupportBundleRef => ({
  id,
  supportUrl: `${env.APP_URL}/support/bundles/${id}`,
  downloadPath: `/api/v1/support-bundles/${id}`,
  fileName: `waypoint-support-${kind}-${id.slice(0, 8)}.json`,
  content,
});

export async function createSupportBundle(partnerId: string, kind: BundleKind, targetId: string, actor: AuditEntry["actor"]): Promise<SupportBundleRef> {
  const content = await buildBundleContent(partnerId, kind, targetId);
  const id = `sb_${randomBytes(20).toString("base64url")}`;
  await db.$transaction(async (tx) => {
    await tx.supportBundle.create({ data: { id, partnerId, kind, targetId, createdBy: actor.email, content: content as object } });
    await recordAudit({ actor, partnerId, action: "support_bundle.created", targetType: kind, targetId, metadata: { bundleId: id } }, tx);
  });
  return ref(id, kind, content);
}

/** One bundle of this partner (another partner's id: not found). */
export async function getSupportBundle(partnerId: string, id: string) {
  const row = await db.supportBundle.findFirst({ where: { id, partnerId } });
  if (!row) throw notFound("Support bundle");
  return row;
}

/** Any partner's bundle, for support staff (the caller checks the role). */
export const findSupportBundleForSupport = (id: string) => db.supportBundle.findUnique({ where: { id }, include: { partner: { select: { name: true } } } });
