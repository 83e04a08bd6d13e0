import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { createEndpointSecret } from "@/lib/endpoints/secrets";
import type { EventType, PartnerTier, UserRole } from "@/lib/db/generated/enums";

// Factories shared by the seed and the tests: both build data the way the product does.

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export async function createPartner(input: { name?: string; tier?: PartnerTier; retrySchedule?: number[]; timeoutMs?: number } = {}) {
  const name = input.name ?? `Partner ${unique()}`;
  return db.partner.create({
    data: {
      name,
      slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${unique()}`,
      tier: input.tier ?? "growth",
      ...(input.retrySchedule ? { retrySchedule: input.retrySchedule } : {}),
      ...(input.timeoutMs ? { timeoutMs: input.timeoutMs } : {}),
    },
  });
}

/** `passwordHash` instead of `password` reuses a hash already made (bcrypt is slow on purpose). */
export async function createUser(input: { email?: string; name?: string; role: UserRole; partnerId?: string | null } & ({ password: string } | { passwordHash: string })) {
  return db.user.create({
    data: {
      email: (input.email ?? `user-${unique()}@example.test`).toLowerCase(),
      name: input.name ?? "Test User",
      role: input.role,
      partnerId: input.partnerId ?? null,
      passwordHash: "passwordHash" in input ? input.passwordHash : await hashPassword(input.password),
    },
  });
}

export async function createEndpoint(input: {
  partnerId: string;
  url: string;
  eventTypes?: EventType[];
  format?: "json" | "xml";
  schemaVersion?: "v1" | "v2";
  description?: string;
}) {
  const endpoint = await db.endpoint.create({
    data: {
      partnerId: input.partnerId,
      url: input.url,
      description: input.description ?? "",
      eventTypes: input.eventTypes ?? ["order_confirmed", "out_for_delivery", "delivered", "delivery_failed", "return_initiated"],
      format: input.format ?? "json",
      schemaVersion: input.schemaVersion ?? "v2",
    },
  });
  const secret = await createEndpointSecret(endpoint.id);
  return { endpoint, secret };
}

export const createIngestKey = (partnerId: string | null = null, name = "Test OMS") => createApiKey({ kind: "ingest", name, partnerId });
