import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { recordAudit } from "@/lib/audit/record";
import { openSecret, sealSecret } from "@/lib/crypto/keyring";
import { generateEndpointSecret } from "@/lib/delivery/signing";
import { ROTATION_OVERLAP_MS } from "@/lib/endpoints/rules";
import type { Actor } from "@/lib/endpoints/actor";
import { AppError, notFound } from "@/lib/errors";
import { builtInMapping } from "@/lib/intake/channels";
import { createSourceSchema, rotateSourceSecretSchema, updateSourceSchema, type CreateSourceInput, type UpdateSourceInput } from "@/lib/intake/input";
import { isKnownCountry } from "@/lib/intake/phone";
import { DEFAULT_GENERIC_MAPPING, type FieldMapping, type IntakeValidation, type OrderSourceType } from "@/lib/intake/rules";

// Order sources: a partner's sales channels, each with an unguessable intake URL and its own
// verification secret (encrypted at rest like endpoint secrets; returned once, on create and on
// rotate). After a rotation the previous secret verifies for 24 h more, so the channel can be
// switched over without losing an order.

export const ORDER_SOURCE_LIMIT = 10;

/** 160 random bits: the intake URL is the source's address and cannot be guessed or enumerated. */
const newSourceId = () => `src_${randomBytes(20).toString("base64url")}`;

/** A fresh secret for the channel to sign with: whsec_ (Standard Webhooks) for generic, 192 random bits for WooCommerce. */
function generateSecret(type: OrderSourceType) {
  return type === "generic" ? generateEndpointSecret() : `wc_${randomBytes(24).toString("base64url")}`;
}

export const intakeUrl = (sourceId: string) => `${env.APP_URL.replace(/\/$/, "")}/api/v1/intake/${sourceId}`;

type SourceRow = Awaited<ReturnType<typeof db.orderSource.findFirstOrThrow>>;

/** What the API and the dashboard show of a source. Never the secret. */
export function toSourceView(row: SourceRow) {
  return {
    id: row.id,
    type: row.type as OrderSourceType,
    name: row.name,
    intake_url: intakeUrl(row.id),
    validation: row.validation as IntakeValidation,
    mapping: row.type === "generic" ? ((row.mapping as FieldMapping | null) ?? {}) : null,
    built_in_mapping: builtInMapping(row.type as OrderSourceType),
    enabled: row.enabled,
    secret: { masked: "••••", previous_expires_at: row.previousExpiresAt && row.previousExpiresAt > new Date() ? row.previousExpiresAt.toISOString() : null },
    last_received_at: row.lastReceivedAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
export type OrderSourceView = ReturnType<typeof toSourceView>;

export async function listOrderSources(partnerId: string) {
  const rows = await db.orderSource.findMany({ where: { partnerId }, orderBy: { createdAt: "asc" } });
  return rows.map(toSourceView);
}

/** The partner's source, or 404 exactly as for an id that does not exist. */
async function requireSource(partnerId: string, sourceId: string) {
  const row = await db.orderSource.findFirst({ where: { id: sourceId, partnerId } });
  if (!row) throw notFound("Order source");
  return row;
}

export async function getOrderSource(partnerId: string, sourceId: string) {
  return toSourceView(await requireSource(partnerId, sourceId));
}

export async function createOrderSource(partnerId: string, input: CreateSourceInput, actor: Actor): Promise<{ source: OrderSourceView; secret: string }> {
  const fields = createSourceSchema.parse(input);
  const secret = fields.secret ?? generateSecret(fields.type);
  const row = await db.$transaction(async (tx) => {
    const count = await tx.orderSource.count({ where: { partnerId } });
    if (count >= ORDER_SOURCE_LIMIT) throw new AppError("limit_reached", `You already have ${ORDER_SOURCE_LIMIT} order sources, the most a partner can have. Delete one you no longer use.`);
    const created = await tx.orderSource.create({
      data: {
        id: newSourceId(),
        partnerId,
        type: fields.type,
        name: fields.name,
        validation: fields.validation,
        mapping: fields.type === "generic" ? (fields.mapping ?? DEFAULT_GENERIC_MAPPING) : undefined,
        encryptedSecret: sealSecret(secret),
      },
    });
    await recordAudit(
      { actor, partnerId, action: "order_source.created", targetType: "order_source", targetId: created.id, metadata: { type: created.type, name: created.name, validation: created.validation, secretSupplied: Boolean(fields.secret) } },
      tx,
    );
    return created;
  });
  return { source: toSourceView(row), secret };
}

export async function updateOrderSource(partnerId: string, sourceId: string, input: UpdateSourceInput, actor: Actor) {
  const patch = updateSourceSchema.parse(input);
  const row = await requireSource(partnerId, sourceId);
  if (patch.mapping && row.type !== "generic") throw new AppError("validation_failed", `mapping: only generic sources have a mapping; ${row.type} payloads are mapped by Waypoint`);
  const updated = await db.orderSource.update({ where: { id: row.id }, data: { name: patch.name, validation: patch.validation, mapping: patch.mapping, enabled: patch.enabled } });
  await recordAudit({ actor, partnerId, action: "order_source.updated", targetType: "order_source", targetId: row.id, metadata: { changed: Object.keys(patch) } });
  return toSourceView(updated);
}

export async function rotateOrderSourceSecret(partnerId: string, sourceId: string, input: unknown, actor: Actor, now = new Date()) {
  const { secret: supplied } = rotateSourceSecretSchema.parse(input ?? {});
  const row = await requireSource(partnerId, sourceId);
  if (row.type === "shopify" && !supplied) throw new AppError("validation_failed", "secret: is required for Shopify: paste the new key Shopify signs with");
  if (row.type === "generic" && supplied && !/^whsec_[A-Za-z0-9+/=]{32,}$/.test(supplied)) throw new AppError("validation_failed", "secret: must be a Standard Webhooks secret (whsec_…), or leave it out");
  const secret = supplied ?? generateSecret(row.type as OrderSourceType);
  const previousExpiresAt = new Date(now.getTime() + ROTATION_OVERLAP_MS);
  await db.orderSource.update({ where: { id: row.id }, data: { encryptedSecret: sealSecret(secret), previousEncryptedSecret: row.encryptedSecret, previousExpiresAt } });
  await recordAudit({ actor, partnerId, action: "order_source.secret_rotated", targetType: "order_source", targetId: row.id, metadata: { previousSecretExpiresAt: previousExpiresAt.toISOString() } });
  return { secret, previous_expires_at: previousExpiresAt.toISOString() };
}

export async function deleteOrderSource(partnerId: string, sourceId: string, actor: Actor) {
  const row = await requireSource(partnerId, sourceId);
  await db.orderSource.delete({ where: { id: row.id } });
  await recordAudit({ actor, partnerId, action: "order_source.deleted", targetType: "order_source", targetId: row.id, metadata: { type: row.type, name: row.name } });
  return { id: row.id, deleted: true as const };
}

/** The secrets that verify right now: the current one, and the previous one during its overlap. */
export function verifyingSecrets(row: { encryptedSecret: string; previousEncryptedSecret: string | null; previousExpiresAt: Date | null }, now = new Date()): string[] {
  const secrets = [openSecret(row.encryptedSecret)];
  if (row.previousEncryptedSecret && row.previousExpiresAt && row.previousExpiresAt > now) secrets.push(openSecret(row.previousEncryptedSecret));
  return secrets;
}

export async function getIntakeCountry(partnerId: string) {
  const p = await db.partner.findUnique({ where: { id: partnerId }, select: { defaultCountry: true } });
  return p?.defaultCountry ?? "IN";
}

export async function setIntakeCountry(partnerId: string, country: string, actor: Actor) {
  if (!isKnownCountry(country)) throw new AppError("validation_failed", `country: ${country} is not a country code Waypoint knows phone numbers for`);
  await db.partner.update({ where: { id: partnerId }, data: { defaultCountry: country } });
  await recordAudit({ actor, partnerId, action: "partner.default_country_changed", targetType: "partner", targetId: partnerId, metadata: { country } });
  return { country };
}
