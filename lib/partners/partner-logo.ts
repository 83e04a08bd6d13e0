import "server-only";
import { randomBytes } from "node:crypto";
import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { checkLogo, checkLogoSize, type LogoType } from "@/lib/partners/logo-rules";

// A partner's logo for its public tracking page, stored in the database (PartnerLogo: a few
// hundred KB per partner at most) and served by app/logos/[logoId]/route.ts. Every upload gets
// a new random id, so the URL changes with the picture and can be cached forever.

export const LOGO_ID_PATTERN = /^logo_[A-Za-z0-9_-]{22}$/;
export const logoUrl = (logoId: string) => `/logos/${logoId}`;

export type PartnerLogoInfo = { url: string; contentType: string; byteSize: number; uploadedAt: Date };

/** What the upload form receives from the browser: a File, or anything with its size and bytes. */
export type LogoUpload = { size: number; arrayBuffer(): Promise<ArrayBuffer> };

/**
 * Replaces the partner's logo. The size is checked before a byte is read, then the bytes
 * decide the type (PNG/JPEG/WebP; SVG and anything else are refused with a sentence the
 * partner can act on). Nothing is written unless the file passes.
 */
export async function savePartnerLogo(actor: AuditEntry["actor"], partnerId: string, file: LogoUpload): Promise<PartnerLogoInfo> {
  const sizeProblem = checkLogoSize(file.size);
  if (sizeProblem && !sizeProblem.ok) throw new AppError("validation_failed", sizeProblem.message);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const check = checkLogo(bytes);
  if (!check.ok) throw new AppError("validation_failed", check.message);
  const id = `logo_${randomBytes(16).toString("base64url")}`;
  const saved = await db.$transaction(async (tx) => {
    await tx.partnerLogo.deleteMany({ where: { partnerId } });
    const row = await tx.partnerLogo.create({ data: { id, partnerId, contentType: check.contentType, bytes, byteSize: bytes.length } });
    await recordAudit({ actor, partnerId, action: "tracking_logo.uploaded", targetType: "partner", targetId: partnerId, metadata: { contentType: check.contentType, byteSize: bytes.length } }, tx);
    return row;
  });
  return { url: logoUrl(saved.id), contentType: saved.contentType, byteSize: saved.byteSize, uploadedAt: saved.createdAt };
}

/** Removes the logo; the tracking page shows the merchant's name alone again. */
export async function removePartnerLogo(actor: AuditEntry["actor"], partnerId: string): Promise<{ removed: boolean }> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.partnerLogo.deleteMany({ where: { partnerId } });
    if (count) await recordAudit({ actor, partnerId, action: "tracking_logo.removed", targetType: "partner", targetId: partnerId }, tx);
    return { removed: count > 0 };
  });
}

export async function getPartnerLogoInfo(partnerId: string): Promise<PartnerLogoInfo | null> {
  const row = await db.partnerLogo.findUnique({ where: { partnerId }, select: { id: true, contentType: true, byteSize: true, createdAt: true } });
  return row ? { url: logoUrl(row.id), contentType: row.contentType, byteSize: row.byteSize, uploadedAt: row.createdAt } : null;
}

/** The bytes to serve for a logo URL; null for anything that is not a stored logo's id. */
export async function findLogoForServing(logoId: string): Promise<{ contentType: LogoType; bytes: Uint8Array } | null> {
  if (!LOGO_ID_PATTERN.test(logoId)) return null;
  const row = await db.partnerLogo.findUnique({ where: { id: logoId }, select: { contentType: true, bytes: true } });
  return row ? { contentType: row.contentType as LogoType, bytes: row.bytes } : null;
}
