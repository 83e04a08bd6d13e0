import "server-only";
import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { notFound } from "@/lib/errors";
import { Prisma } from "@/lib/db/generated/client";
import { assertUsableDestination, destinationColumns } from "@/lib/endpoints/check-destination";
import { createEndpointSecret } from "@/lib/endpoints/secrets";
import { toEndpointView } from "@/lib/endpoints/get-endpoints";
import { assertBelowEndpointLimit, type EndpointFields } from "@/lib/endpoints/rules";
import { assertSchemaVersionAllowed } from "@/lib/sunset/v1";
import type { Actor } from "@/lib/endpoints/actor";
import type { EndpointView } from "@/lib/endpoints/view";

/**
 * Registers an endpoint with a fresh signing secret. The count and the insert run under a
 * row lock on the partner: a count alone, even in a transaction, lets two concurrent creates
 * both see 4 and make a 6th. `FOR NO KEY UPDATE` rather than plain `FOR UPDATE`: it still
 * serialises creates against each other, but does not conflict with the KEY SHARE locks that
 * order ingestion takes on the same row (foreign keys), so a create never stalls the OMS.
 * The URL (with its DNS lookup) is checked first so no lock is held while on the network.
 *
 * Returns the secret once, for the API's create response; the dashboard does not pass it on.
 */
export async function createEndpoint(partnerId: string, fields: EndpointFields, actor: Actor): Promise<{ endpoint: EndpointView; secret: string }> {
  assertSchemaVersionAllowed(fields.schemaVersion, null);
  // The URL (HTTP) or broker address, with its DNS lookup; broker credentials are sealed here.
  const withType = { ...fields, destinationType: fields.destinationType ?? "http" };
  await assertUsableDestination(withType, { checkHost: true });
  const destination = destinationColumns(withType);
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Partner" WHERE id = ${partnerId} FOR NO KEY UPDATE`;
    if (locked.length === 0) throw notFound("Partner");
    assertBelowEndpointLimit(await tx.endpoint.count({ where: { partnerId } }));

    const endpoint = await tx.endpoint.create({
      data: {
        partnerId,
        url: destination.url,
        destinationType: destination.destinationType,
        destination: destination.destination ?? Prisma.DbNull,
        encryptedCredentials: destination.encryptedCredentials ?? null,
        description: fields.description,
        eventTypes: fields.eventTypes,
        format: fields.format,
        schemaVersion: fields.schemaVersion,
        rateLimitPerSecond: fields.rateLimitPerSecond,
      },
    });
    const secret = await createEndpointSecret(endpoint.id, tx);
    await recordAudit(
      {
        actor,
        partnerId,
        action: "endpoint.created",
        targetType: "endpoint",
        targetId: endpoint.id,
        metadata: { url: endpoint.url, destinationType: endpoint.destinationType, eventTypes: endpoint.eventTypes, format: endpoint.format, schemaVersion: endpoint.schemaVersion },
      },
      tx,
    );
    return { endpoint: toEndpointView(endpoint, [{ createdAt: new Date(), expiresAt: null }]), secret };
  });
}
