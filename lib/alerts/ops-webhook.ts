import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { signPayload } from "@/lib/delivery/signing";
import { sendSigned } from "@/lib/delivery/send-signed";
import { activeSigningSecrets } from "@/lib/endpoints/secrets";
import { logger } from "@/lib/logger";
import type { OpsEventType } from "@/lib/alerts/rules";

// Operational webhooks: endpoint.disabled / endpoint.failing / endpoint.recovered (and
// order_source.failing / order_source.recovered for failed intakes) to the endpoint a
// partner chose for them (Settings → Alerts), signed with that endpoint's secret like every
// delivery (Standard Webhooks; webhook-id stable across retries). Never to the endpoint the
// incident is about: a failing endpoint would not hear it, and would fail it too. Stored first,
// then sent; a failure is retried by the monitor loop (30 s, 2 min, 8 min), then given up.

export const OPS_RETRY_SCHEDULE_S = [30, 120, 480] as const;
/** A sender's hold on a queued webhook: the loop takes over one whose sender died after this. */
const LEASE_MS = 60_000;

export type OpsPayload = {
  type: OpsEventType;
  timestamp: string;
  data: {
    incident_id: string;
    rule: string;
    status: "open" | "resolved";
    summary: string;
    opened_at: string;
    resolved_at: string | null;
    dashboard_url: string;
  } & ({ endpoint_id: string; endpoint_url: string } | { source_id: string; source_name: string });
};

/** Queues the webhook for the partner's operational endpoint, if it has one that may receive it; returns its id. */
export async function queueOpsWebhook(input: { partnerId: string; incidentId: string; incidentEndpointId: string; payload: OpsPayload }): Promise<string | null> {
  const settings = await db.alertSettings.findUnique({ where: { partnerId: input.partnerId }, select: { opsEndpointId: true } });
  const target = settings?.opsEndpointId;
  if (!target || target === input.incidentEndpointId) return null;
  const endpoint = await db.endpoint.findFirst({ where: { id: target, partnerId: input.partnerId, enabled: true }, select: { id: true } });
  if (!endpoint) return null;
  const row = await db.operationalWebhook.create({
    data: { id: `ops_${randomBytes(16).toString("hex")}`, partnerId: input.partnerId, incidentId: input.incidentId, endpointId: endpoint.id, type: input.payload.type, payload: input.payload, nextAttemptAt: new Date(Date.now() + LEASE_MS) },
  });
  return row.id;
}

/** One attempt of a queued operational webhook (by its queuer, who holds the first lease); records the outcome. Never throws. */
export async function attemptOpsWebhook(id: string): Promise<void> {
  try {
    const row = await db.operationalWebhook.findUnique({ where: { id }, include: { partner: { select: { timeoutMs: true } } } });
    if (!row || row.status === "sent" || row.status === "dead_lettered") return;
    const endpoint = await db.endpoint.findUnique({ where: { id: row.endpointId }, select: { url: true, enabled: true } });
    const secrets = endpoint ? await activeSigningSecrets(row.endpointId) : [];
    if (!endpoint || secrets.length === 0) {
      await db.operationalWebhook.update({ where: { id }, data: { status: "dead_lettered", nextAttemptAt: null, lastError: "The operational endpoint no longer exists or has no signing secret." } });
      return;
    }
    const body = JSON.stringify(row.payload);
    const headers = { "content-type": "application/json", ...signPayload({ secrets, msgId: row.id, timestamp: new Date(), body }) };
    const result = await sendSigned({ url: endpoint.url, body, headers }, row.partner.timeoutMs);
    const attemptCount = row.attemptCount + 1;
    const delay = OPS_RETRY_SCHEDULE_S[attemptCount - 1];
    await db.operationalWebhook.update({
      where: { id },
      data: result.success
        ? { status: "sent", attemptCount, statusCode: result.statusCode, sentAt: new Date(), nextAttemptAt: null, lastError: null }
        : {
            status: delay === undefined ? "dead_lettered" : "retrying",
            attemptCount,
            statusCode: result.statusCode,
            lastError: result.errorMessage ?? `Endpoint answered ${result.statusCode}`,
            nextAttemptAt: delay === undefined ? null : new Date(Date.now() + delay * 1000),
          },
    });
  } catch (err) {
    logger.warn({ err, id }, "operational webhook attempt failed; the monitor loop retries it");
  }
}

/** The monitor loop's pass: every queued operational webhook that is due. */
export async function sendDueOpsWebhooks(now = new Date()): Promise<number> {
  const due = await db.operationalWebhook.findMany({ where: { status: { in: ["pending", "retrying"] }, nextAttemptAt: { lte: now } }, select: { id: true }, take: 100 });
  let sent = 0;
  for (const row of due) {
    // Claimed with a lease first: another process's loop, or a slow first sender, does not send it twice.
    const { count } = await db.operationalWebhook.updateMany({ where: { id: row.id, status: { in: ["pending", "retrying"] }, nextAttemptAt: { lte: now } }, data: { nextAttemptAt: new Date(Date.now() + LEASE_MS) } });
    if (count === 1) {
      await attemptOpsWebhook(row.id);
      sent++;
    }
  }
  return sent;
}
