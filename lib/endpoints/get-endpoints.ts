import "server-only";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/types";
import type { Endpoint } from "@/lib/db/generated/client";
import { notFound } from "@/lib/errors";
import type { EndpointView, SecretInfo } from "@/lib/endpoints/view";
import { summariseCredentials, type CredentialsSummary, type DestinationSettings } from "@/lib/delivery/destinations/config";
import { openCredentials } from "@/lib/delivery/destinations/credentials";

// Every read filters by partner as well as id: another partner's endpoint is "not found",
// exactly like one that does not exist.

type SecretRow = { createdAt: Date; expiresAt: Date | null };

/** Secret rows still signing (no decryption: only dates leave this module). */
const liveSecrets = (now: Date) => ({
  where: { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
  select: { createdAt: true, expiresAt: true },
  orderBy: { createdAt: "desc" as const },
});

function secretInfo(rows: SecretRow[]): SecretInfo | null {
  const current = rows.find((r) => r.expiresAt === null);
  if (!current) return null;
  const overlap = rows.filter((r) => r.expiresAt !== null).map((r) => r.expiresAt!.getTime());
  return { createdAt: current.createdAt.toISOString(), previousExpiresAt: overlap.length ? new Date(Math.max(...overlap)).toISOString() : null };
}

/** The kind of stored credentials and the user name, or null; one that no key opens says so. */
function credentialsSummary(sealed: string | null): CredentialsSummary {
  if (!sealed) return null;
  try {
    return summariseCredentials(openCredentials(sealed));
  } catch {
    return null;
  }
}

export function toEndpointView(e: Endpoint, secrets: SecretRow[]): EndpointView {
  return {
    id: e.id,
    url: e.url,
    destinationType: e.destinationType,
    destination: (e.destination ?? null) as DestinationSettings | null,
    credentials: credentialsSummary(e.encryptedCredentials),
    description: e.description,
    eventTypes: e.eventTypes,
    format: e.format,
    schemaVersion: e.schemaVersion,
    enabled: e.enabled,
    disabledReason: e.disabledReason,
    disabledAt: e.disabledAt?.toISOString() ?? null,
    rateLimitPerSecond: e.rateLimitPerSecond,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
    secret: secretInfo(secrets),
  };
}

export async function listEndpoints(partnerId: string, now = new Date()): Promise<EndpointView[]> {
  const rows = await db.endpoint.findMany({
    where: { partnerId },
    include: { secrets: liveSecrets(now) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map(({ secrets, ...e }) => toEndpointView(e, secrets));
}

/** One endpoint of this partner, or null (pages turn that into a 404). */
export async function findEndpoint(partnerId: string, endpointId: string, now = new Date()): Promise<EndpointView | null> {
  const row = await db.endpoint.findFirst({ where: { id: endpointId, partnerId }, include: { secrets: liveSecrets(now) } });
  if (!row) return null;
  const { secrets, ...e } = row;
  return toEndpointView(e, secrets);
}

export async function getEndpoint(partnerId: string, endpointId: string): Promise<EndpointView> {
  const view = await findEndpoint(partnerId, endpointId);
  if (!view) throw notFound("Endpoint");
  return view;
}

/** The raw row, for the domain functions that change or send: throws not_found across partners. */
export async function requireEndpointRow(partnerId: string, endpointId: string, tx: Pick<Tx, "endpoint"> = db): Promise<Endpoint> {
  const row = await tx.endpoint.findFirst({ where: { id: endpointId, partnerId } });
  if (!row) throw notFound("Endpoint");
  return row;
}
