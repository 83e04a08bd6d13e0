// lib/delivery/destinations owns where a delivery goes (HTTP, RabbitMQ, NATS): one driver per type behind one interface.
import "server-only";
import type { DestinationSettings, DestinationType } from "@/lib/delivery/destinations/config";
import { httpDriver } from "@/lib/delivery/destinations/http";
import { natsDriver } from "@/lib/delivery/destinations/nats";
import { rabbitmqDriver } from "@/lib/delivery/destinations/rabbitmq";
import type { DeliveryMessage, DeliveryResult, DestinationDriver, DestinationTarget } from "@/lib/delivery/destinations/types";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";

// Every destination type and its driver. A new broker (SQS, Kafka, Pub/Sub) is a driver file
// implementing DestinationDriver, a value in the DestinationType enum (schema + config.ts) and a
// line here; the attempt core, the engines and every screen stay as they are.
const DRIVERS: Record<DestinationType, DestinationDriver> = {
  http: httpDriver,
  rabbitmq: rabbitmqDriver,
  nats: natsDriver,
};

export const driverFor = (type: DestinationType): DestinationDriver => DRIVERS[type];

/** One attempt to an endpoint's destination, whatever its type. Never throws. */
export function sendToDestination(target: DestinationTarget, message: DeliveryMessage, timeoutMs: number): Promise<DeliveryResult> {
  return driverFor(target.type).send(target, message, { timeoutMs, allowHosts: env.WEBHOOK_ALLOW_HOSTS });
}

/** The endpoint's columns as a target (claim rows, leases and Prisma rows name them alike). */
export function targetOf(endpoint: { id?: string; endpointId?: string; url: string; destinationType?: string | null; destination?: unknown; encryptedCredentials?: string | null }): DestinationTarget {
  return {
    endpointId: (endpoint.endpointId ?? endpoint.id)!,
    type: (endpoint.destinationType ?? "http") as DestinationType,
    url: endpoint.url,
    settings: (endpoint.destination ?? null) as DestinationSettings | null,
    sealedCredentials: endpoint.encryptedCredentials ?? null,
  };
}

/** Lets go of an endpoint's pooled broker connections in this process (disabled, deleted, changed). */
export async function closeDestination(endpointId: string): Promise<void> {
  await Promise.all(Object.values(DRIVERS).map((d) => d.close(endpointId).catch((err) => logger.warn({ err, endpointId }, "could not close a destination connection"))));
}

/** Closes every pooled broker connection (shutdown, tests). */
export async function closeAllDestinations(): Promise<void> {
  await Promise.all(Object.values(DRIVERS).map((d) => d.closeAll().catch(() => {})));
}

/** The signed request as a message: the same body and headers, with the ids a broker needs. */
export const messageOf = (signed: { body: string; headers: Record<string, string> }, eventType: string): DeliveryMessage => ({
  eventId: signed.headers["webhook-id"]!,
  eventType,
  body: signed.body,
  headers: signed.headers,
});
