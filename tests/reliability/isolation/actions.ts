import { issueApiKey } from "@/lib/api-keys/issue-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { acknowledgeIncident } from "@/lib/alerts/incidents";
import { updateAlertSettings } from "@/lib/alerts/settings";
import { db } from "@/lib/db/client";
import { retryDelivery, retryFailedDeliveries } from "@/lib/delivery/retry";
import { runEndpointCheck } from "@/lib/endpoints/check-endpoint";
import { endpointUrlProblem } from "@/lib/endpoints/check-url";
import { createEndpoint as createEndpointForPartner } from "@/lib/endpoints/create-endpoint";
import { deleteEndpoint } from "@/lib/endpoints/delete-endpoint";
import { reenableEndpoint } from "@/lib/endpoints/reenable-endpoint";
import { revealEndpointSecret } from "@/lib/endpoints/reveal-secret";
import { rotateSecretForEndpoint } from "@/lib/endpoints/rotate-secret";
import { sendTestEvent } from "@/lib/endpoints/send-test-event";
import { updateEndpoint } from "@/lib/endpoints/update-endpoint";
import { parseEventLogFilter } from "@/lib/event-log/filter";
import { listEventLog } from "@/lib/event-log/list-events";
import { parseIntakeFilter, replayFailedIntakes, replayIntake } from "@/lib/intake/intake-log";
import { createOrderSource, deleteOrderSource, rotateOrderSourceSecret, setIntakeCountry, updateOrderSource } from "@/lib/intake/sources";
import { enableDeveloperScreens } from "@/lib/partners/change-tier";
import { removePartnerLogo as removeLogoForPartner, savePartnerLogo } from "@/lib/partners/partner-logo";
import { updateRetryPolicy } from "@/lib/partners/update-retry-policy";
import { retrySms } from "@/lib/sms/retry-sms";
import { saveSmsTemplate } from "@/lib/sms/save-sms-template";
import { createSupportBundle } from "@/lib/support-bundle/bundles";
import { createInvite, resendInvite, revokeInvite } from "@/lib/team/invites";
import { changeMemberRole, removeMember } from "@/lib/team/members";
import { updateCustomerTimeZone, updateLayer1Settings } from "@/lib/tracking/update-settings";
import { TINY_PNG } from "../../support/images";
import { ids } from "./route-checks";
import { aAdmin, aMember, actor, call, dataOf, denied, endpointActions, keyOwner, logoOwnerProblem, outcome, ownScope, supportAsA, type ActionSpec } from "./action-checks";
import { session } from "./session";
import { a, b, counts, leaks } from "./world";

// The server action matrix: how each exported function under app/(dashboard)/**/_actions is
// checked. tenant-isolation.test.ts finds the actions itself and fails for one missing here.

/** Every exported function of every file under app/(dashboard)/**\/_actions, keyed "file#export" (relative to app/). */
export const ACTIONS: Record<string, ActionSpec> = {
  "(dashboard)/_actions/session.ts#switchPartner": {
    guard: "support",
    invoke: async (fn) => {
      for (const p of [aAdmin(), aMember()]) await denied(`action switchPartner as ${p.name}`, [b.partnerId], (id) => call(fn, p, id));
      if (session.cookieWrites.length) leaks.push(`switchPartner as a partner user set ${session.cookieWrites.join(", ")}`);
    },
  },
  "(dashboard)/_actions/session.ts#signOutAction": { guard: "none", staticOnly: "signs the caller out; reads and writes no partner data" },
  "(dashboard)/endpoints/_actions/check-endpoint.ts#checkEndpointAction": endpointActions(
    "runEndpointCheck",
    (id) => runEndpointCheck(a.partnerId, id, actor()),
    (fn, p, id) => call(fn, p, { endpointId: id }),
  ),
  "(dashboard)/endpoints/_actions/check-endpoint-url.ts#checkEndpointUrlAction": {
    guard: "partner",
    lib: () => ownScope("lib endpointUrlProblem(B's URL)", () => endpointUrlProblem(b.endpoints[0]!.url), async (v) => (v === null ? null : `B's URL judged unusable: ${String(v)}`), [b.endpoints[0]!.url]),
    invoke: (fn) =>
      ownScope("action checkEndpointUrlAction(B's URL) as A admin", () => call(fn, aAdmin(), b.endpoints[0]!.url), async (v) => (dataOf(v).problem === null ? null : `problem: ${String(dataOf(v).problem)}`), [b.endpoints[0]!.url]),
  },
  "(dashboard)/endpoints/_actions/create-endpoint.ts#createEndpointAction": {
    guard: "partner",
    lib: () =>
      ownScope(
        "lib createEndpoint(A, B's URL)",
        () => createEndpointForPartner(a.partnerId, { url: b.endpoints[0]!.url, description: "", eventTypes: ["delivered"], format: "json", schemaVersion: "v2", rateLimitPerSecond: null }, actor()),
        async (v) => {
          const row = await db.endpoint.findUniqueOrThrow({ where: { id: (v as { endpoint: { id: string } }).endpoint.id } });
          await db.endpoint.delete({ where: { id: row.id } });
          return row.partnerId === a.partnerId ? null : `created for ${row.partnerId}`;
        },
        [b.endpoints[0]!.url],
      ),
    invoke: (fn) =>
      ownScope(
        "action createEndpointAction(B's URL) as A admin",
        () => call(fn, aAdmin(), { url: b.endpoints[0]!.url, eventTypes: ["delivered"] }),
        async (v) => {
          const row = await db.endpoint.findUniqueOrThrow({ where: { id: String(dataOf(v).id) } });
          await db.endpoint.delete({ where: { id: row.id } });
          return row.partnerId === a.partnerId ? null : `created for ${row.partnerId}`;
        },
      ),
  },
  "(dashboard)/endpoints/_actions/delete-endpoint.ts#deleteEndpointAction": endpointActions(
    "deleteEndpoint",
    (id) => deleteEndpoint(a.partnerId, id, actor()),
    (fn, p, id) => call(fn, p, id),
  ),
  "(dashboard)/endpoints/_actions/reveal-secret.ts#revealSecretAction": endpointActions(
    "revealEndpointSecret",
    (id) => revealEndpointSecret(a.partnerId, id, actor()),
    (fn, p, id) => call(fn, p, id),
  ),
  "(dashboard)/endpoints/_actions/rotate-secret.ts#rotateSecretAction": endpointActions(
    "rotateSecretForEndpoint",
    (id) => rotateSecretForEndpoint(a.partnerId, id, actor()),
    (fn, p, id) => call(fn, p, id),
  ),
  "(dashboard)/endpoints/_actions/send-test-event.ts#sendTestEventAction": endpointActions(
    "sendTestEvent",
    (id) => sendTestEvent(a.partnerId, id, { eventType: "delivered" }, actor()),
    (fn, p, id) => call(fn, p, { endpointId: id, eventType: "delivered" }),
  ),
  "(dashboard)/endpoints/_actions/update-endpoint.ts#updateEndpointAction": {
    guard: "partner",
    lib: async () => {
      for (const patch of [{ description: "x" }, { enabled: true }, { enabled: false, disabledReason: "x" }]) {
        await denied(`lib updateEndpoint(A, B's endpoint, ${JSON.stringify(patch)})`, b.endpointIds, (id) => updateEndpoint(a.partnerId, id, patch, actor()));
      }
    },
    invoke: async (fn) => {
      for (const p of [aAdmin(), aMember(), supportAsA()]) {
        await denied(`action updateEndpointAction as ${p.name}`, b.endpointIds, (id) => call(fn, p, id, { description: "x", enabled: true }));
      }
    },
  },
  "(dashboard)/events/_actions/retry-delivery.ts#retryDeliveryAction": {
    guard: "partner",
    lib: () => denied("lib retryDelivery({ partnerId: A }, B's delivery)", ids(b.deliveries), (id) => retryDelivery({ partnerId: a.partnerId }, id, actor())),
    invoke: async (fn) => {
      for (const p of [aAdmin(), aMember(), supportAsA()]) await denied(`action retryDeliveryAction as ${p.name}`, ids(b.deliveries), (id) => call(fn, p, id));
    },
  },
  "(dashboard)/events/_actions/retry-failed-deliveries.ts#retryFailedDeliveriesAction": {
    guard: "partner",
    lib: async () => {
      for (const query of [{}, { status: "dead_lettered" }, { status: "retrying" }]) {
        const { filter } = parseEventLogFilter(query);
        const expected = (await listEventLog(a.partnerId, filter)).failedDeliveryIds.length;
        await ownScope(`lib retryFailedDeliveries({ partnerId: A }, ${JSON.stringify(query)})`, () => retryFailedDeliveries({ partnerId: a.partnerId }, filter, actor()), async (v) =>
          (v as { queued: number }).queued === expected ? null : `queued ${(v as { queued: number }).queued}, A has ${expected} failed`,
        );
      }
    },
    invoke: async (fn) => {
      for (const p of [aAdmin(), aMember(), supportAsA()]) {
        const expected = (await listEventLog(a.partnerId, {})).failedDeliveryIds.length;
        await ownScope(`action retryFailedDeliveriesAction({}) as ${p.name}`, () => call(fn, p, {}), async (v) =>
          dataOf(v).queued === expected ? null : `queued ${String(dataOf(v).queued)}, A has ${expected} failed`,
        );
      }
    },
  },
  // Order intake. Replays are open to every partner user (like delivery retries); source changes need an admin.
  "(dashboard)/intake/_actions/replay-intake.ts#replayIntakeAction": {
    guard: "partner",
    lib: () => denied("lib replayIntake(A, B's intake)", b.intakeIds, (id) => replayIntake(a.partnerId, id, actor())),
    invoke: async (fn) => {
      for (const p of [aAdmin(), aMember(), supportAsA()]) await denied(`action replayIntakeAction as ${p.name}`, b.intakeIds, (id) => call(fn, p, id));
    },
  },
  "(dashboard)/intake/_actions/replay-failed-intakes.ts#replayFailedIntakesAction": {
    guard: "partner",
    lib: () =>
      ownScope("lib replayFailedIntakes(A, B's source)", () => replayFailedIntakes(a.partnerId, parseIntakeFilter({ source: b.sourceIds[0] }), actor()), async (v) =>
        (v as { replayed: number }).replayed === 0 ? null : `replayed ${(v as { replayed: number }).replayed} of B's intakes`,
      [b.sourceIds[0]!]),
    invoke: async (fn) => {
      for (const p of [aAdmin(), aMember(), supportAsA()]) {
        await ownScope(`action replayFailedIntakesAction(B's source) as ${p.name}`, () => call(fn, p, { source: b.sourceIds[0] }), async (v) => (dataOf(v).replayed === 0 ? null : `replayed ${String(dataOf(v).replayed)} of B's intakes`), [b.sourceIds[0]!]);
        await ownScope(`action replayFailedIntakesAction({}) as ${p.name}`, () => call(fn, p, {}), async (v) => (dataOf(v).replayed === 1 ? null : `replayed ${String(dataOf(v).replayed)}, A has 1 open rejected intake`));
      }
    },
  },
  "(dashboard)/settings/order-sources/_actions/create-order-source.ts#createOrderSourceAction": {
    guard: "partner",
    lib: () =>
      ownScope(
        "lib createOrderSource(A, B's source name)",
        () => createOrderSource(a.partnerId, { type: "generic", name: b.sources[0]!.name }, actor()),
        async (v) => {
          const row = await db.orderSource.findUniqueOrThrow({ where: { id: (v as { source: { id: string } }).source.id } });
          await db.orderSource.delete({ where: { id: row.id } });
          return row.partnerId === a.partnerId ? null : `created for ${row.partnerId}`;
        },
        [b.sources[0]!.name],
      ),
    invoke: (fn) =>
      ownScope(
        "action createOrderSourceAction as A admin",
        () => call(fn, aAdmin(), { type: "woocommerce", name: b.sources[1]!.name }),
        async (v) => {
          const row = await db.orderSource.findUniqueOrThrow({ where: { id: (dataOf(v).source as { id: string }).id } });
          await db.orderSource.delete({ where: { id: row.id } });
          return row.partnerId === a.partnerId ? null : `created for ${row.partnerId}`;
        },
        [b.sources[1]!.name],
      ),
  },
  "(dashboard)/settings/order-sources/_actions/update-order-source.ts#updateOrderSourceAction": {
    guard: "partner",
    lib: async () => {
      for (const patch of [{ name: "x" }, { enabled: false }, { validation: "lenient" as const }]) {
        await denied(`lib updateOrderSource(A, B's source, ${JSON.stringify(patch)})`, b.sourceIds, (id) => updateOrderSource(a.partnerId, id, patch, actor()));
      }
    },
    invoke: async (fn) => {
      for (const p of [aAdmin(), aMember(), supportAsA()]) await denied(`action updateOrderSourceAction as ${p.name}`, b.sourceIds, (id) => call(fn, p, { sourceId: id, patch: { enabled: false } }));
    },
  },
  "(dashboard)/settings/order-sources/_actions/rotate-order-source-secret.ts#rotateOrderSourceSecretAction": {
    guard: "partner",
    lib: () => denied("lib rotateOrderSourceSecret(A, B's source)", b.sourceIds, (id) => rotateOrderSourceSecret(a.partnerId, id, {}, actor())),
    invoke: async (fn) => {
      for (const p of [aAdmin(), aMember(), supportAsA()]) await denied(`action rotateOrderSourceSecretAction as ${p.name}`, b.sourceIds, (id) => call(fn, p, { sourceId: id }));
    },
  },
  "(dashboard)/settings/order-sources/_actions/delete-order-source.ts#deleteOrderSourceAction": {
    guard: "partner",
    lib: () => denied("lib deleteOrderSource(A, B's source)", b.sourceIds, (id) => deleteOrderSource(a.partnerId, id, actor())),
    invoke: async (fn) => {
      for (const p of [aAdmin(), aMember(), supportAsA()]) await denied(`action deleteOrderSourceAction as ${p.name}`, b.sourceIds, (id) => call(fn, p, id));
    },
  },
  // No resource id: the country is always the caller's partner's; B's partner row is in the final snapshot.
  "(dashboard)/settings/order-sources/_actions/update-intake-country.ts#updateIntakeCountryAction": {
    guard: "partner",
    lib: () => ownScope("lib setIntakeCountry(A, IN)", () => setIntakeCountry(a.partnerId, "IN", actor()), async () => null),
    invoke: (fn) => ownScope("action updateIntakeCountryAction as A admin", () => call(fn, aAdmin(), { country: "IN" }), async () => null),
  },
  "(dashboard)/settings/account/_actions/change-password.ts#changePasswordAction": {
    guard: "none",
    staticOnly: "changes the signed-in user's own password (requireUser): takes no ids and reads or writes no partner data",
  },
  "(dashboard)/settings/_actions/create-ingest-key.ts#createIngestKey": {
    guard: "support",
    lib: () =>
      ownScope("lib issueApiKey(ingest, A)", () => issueApiKey({ actor: actor(), kind: "ingest", name: "iso ingest", partnerId: a.partnerId }), async (v) => {
        const owner = await keyOwner((v as { id: string }).id);
        return owner === a.partnerId ? null : `key bound to ${owner}`;
      }),
    invoke: async (fn) => {
      await ownScope("action createIngestKey as support acting as A", () => call(fn, supportAsA(), { name: "iso ingest", bindToPartner: true }), async (v) => {
        const owner = await keyOwner(dataOf(v).id);
        return owner === a.partnerId ? null : `key bound to ${owner}`;
      });
      await denied("action createIngestKey as A admin", [b.partnerId], () => call(fn, aAdmin(), { name: "iso ingest", bindToPartner: true }));
    },
  },
  "(dashboard)/settings/_actions/create-partner-api-key.ts#createPartnerApiKey": {
    guard: "partner",
    lib: () =>
      ownScope("lib issueApiKey(partner, A)", () => issueApiKey({ actor: actor(), kind: "partner", name: "iso partner", partnerId: a.partnerId }), async (v) => {
        const owner = await keyOwner((v as { id: string }).id);
        return owner === a.partnerId ? null : `key for ${owner}`;
      }),
    invoke: (fn) =>
      ownScope("action createPartnerApiKey as A admin", () => call(fn, aAdmin(), { name: "iso partner" }), async (v) => {
        const owner = await keyOwner(dataOf(v).id);
        return owner === a.partnerId ? null : `key for ${owner}`;
      }),
  },
  "(dashboard)/settings/_actions/revoke-ingest-key.ts#revokeIngestKey": {
    guard: "support",
    lib: () => denied("lib revokeApiKey(A, ingest, B's key)", [b.ingestKey.id, b.partnerKey.id], (id) => revokeApiKey({ actor: actor(), partnerId: a.partnerId, kind: "ingest", id })),
    invoke: async (fn) => {
      for (const p of [supportAsA(), aAdmin()]) await denied(`action revokeIngestKey as ${p.name}`, [b.ingestKey.id], (id) => call(fn, p, { id }));
    },
  },
  "(dashboard)/settings/_actions/revoke-partner-api-key.ts#revokePartnerApiKey": {
    guard: "partner",
    lib: () => denied("lib revokeApiKey(A, partner, B's key)", [b.partnerKey.id, b.ingestKey.id], (id) => revokeApiKey({ actor: actor(), partnerId: a.partnerId, kind: "partner", id })),
    invoke: async (fn) => {
      for (const p of [aAdmin(), aMember(), supportAsA()]) await denied(`action revokePartnerApiKey as ${p.name}`, [b.partnerKey.id], (id) => call(fn, p, { id }));
    },
  },
  "(dashboard)/settings/_actions/update-retry-policy.ts#updateRetryPolicy": {
    guard: "partner",
    lib: () =>
      ownScope("lib updateRetryPolicy(A)", () => updateRetryPolicy({ actor: actor(), partnerId: a.partnerId, policy: { retrySchedule: [60, 300], timeoutSeconds: 5 } }), async () => null),
    invoke: (fn) => ownScope("action updateRetryPolicy as A admin", () => call(fn, aAdmin(), { retrySchedule: [30, 120, 480], timeoutSeconds: 10 }), async () => null),
  },
  "(dashboard)/settings/team/_actions/invite-member.ts#inviteMember": {
    guard: "partner",
    lib: () =>
      ownScope("lib createInvite(A)", () => createInvite(a.partnerId, { email: `iso-lib-${Date.now()}@example.test`, role: "partner_member" }, actor()), async (v) => {
        const row = await db.invite.findUniqueOrThrow({ where: { id: (v as { id: string }).id } });
        return row.partnerId === a.partnerId ? null : `invite filed under ${row.partnerId}`;
      }),
    invoke: (fn) =>
      ownScope("action inviteMember as A admin", () => call(fn, aAdmin(), { email: `iso-act-${Date.now()}@example.test`, role: "partner_member" }), async (v) => {
        const row = await db.invite.findUniqueOrThrow({ where: { id: String(dataOf(v).id) } });
        return row.partnerId === a.partnerId ? null : `invite filed under ${row.partnerId}`;
      }),
  },
  "(dashboard)/settings/team/_actions/resend-invite.ts#resendInviteAction": {
    guard: "partner",
    lib: () => denied("lib resendInvite(A, B's invite)", [b.inviteId], (id) => resendInvite(a.partnerId, id, actor())),
    invoke: async (fn) => {
      for (const p of [aAdmin(), supportAsA()]) await denied(`action resendInviteAction as ${p.name}`, [b.inviteId], (id) => call(fn, p, { id }));
    },
  },
  "(dashboard)/settings/team/_actions/revoke-invite.ts#revokeInviteAction": {
    guard: "partner",
    lib: () => denied("lib revokeInvite(A, B's invite)", [b.inviteId], (id) => revokeInvite(a.partnerId, id, actor())),
    invoke: async (fn) => {
      for (const p of [aAdmin(), supportAsA()]) await denied(`action revokeInviteAction as ${p.name}`, [b.inviteId], (id) => call(fn, p, { id }));
    },
  },
  "(dashboard)/settings/team/_actions/change-member-role.ts#changeMemberRoleAction": {
    guard: "partner",
    lib: () => denied("lib changeMemberRole(A, B's user)", [b.admin.id, b.member.id], (id) => changeMemberRole(a.partnerId, id, "partner_admin", actor())),
    invoke: async (fn) => {
      for (const p of [aAdmin(), supportAsA()]) await denied(`action changeMemberRoleAction as ${p.name}`, [b.admin.id, b.member.id], (id) => call(fn, p, { id, role: "partner_member" }));
    },
  },
  "(dashboard)/settings/team/_actions/remove-member.ts#removeMemberAction": {
    guard: "partner",
    lib: () => denied("lib removeMember(A, B's user)", [b.member.id, b.admin.id], (id) => removeMember(a.partnerId, id, actor())),
    invoke: async (fn) => {
      for (const p of [aAdmin(), supportAsA()]) await denied(`action removeMemberAction as ${p.name}`, [b.member.id, b.admin.id], (id) => call(fn, p, { id }));
    },
  },
  // --- Issue 16: support bundles, incidents, alert settings, developer screens, tiers ---
  "(dashboard)/_actions/create-support-bundle.ts#createSupportBundleAction": {
    guard: "partner",
    lib: async () => {
      await denied("lib createSupportBundle(A, B's event)", b.eventIds, (id) => createSupportBundle(a.partnerId, "event", id, actor()));
      await denied("lib createSupportBundle(A, B's endpoint)", b.endpointIds, (id) => createSupportBundle(a.partnerId, "endpoint", id, actor()));
      await denied("lib createSupportBundle(A, B's order)", b.orders.map((o) => o.id), (id) => createSupportBundle(a.partnerId, "order", id, actor()));
    },
    invoke: async (fn) => {
      for (const p of [aAdmin(), aMember(), supportAsA()]) {
        await denied(`action createSupportBundleAction(event) as ${p.name}`, b.eventIds, (id) => call(fn, p, { kind: "event", id }));
        await denied(`action createSupportBundleAction(endpoint) as ${p.name}`, b.endpointIds, (id) => call(fn, p, { kind: "endpoint", id }));
        await denied(`action createSupportBundleAction(order) as ${p.name}`, b.orders.map((o) => o.id), (id) => call(fn, p, { kind: "order", id }));
      }
      // The control: A's own order makes a bundle that is A's and names nothing of B.
      await ownScope("action createSupportBundleAction(A's order) as A member", () => call(fn, aMember(), { kind: "order", id: a.orders[0]!.id }), async (v) => {
        const row = await db.supportBundle.findUnique({ where: { id: String(dataOf(v).id) } });
        return row?.partnerId === a.partnerId ? null : `bundle saved for ${row?.partnerId ?? "nobody"}`;
      });
    },
  },
  "(dashboard)/incidents/_actions/acknowledge-incident.ts#acknowledgeIncidentAction": {
    guard: "partner",
    lib: () => denied("lib acknowledgeIncident(A, B's incident)", [b.incidentId], (id) => acknowledgeIncident(a.partnerId, id, actor())),
    invoke: async (fn) => {
      for (const p of [aAdmin(), aMember(), supportAsA()]) await denied(`action acknowledgeIncidentAction as ${p.name}`, [b.incidentId], (id) => call(fn, p, { id }));
      await ownScope("action acknowledgeIncidentAction(A's incident) as A member", () => call(fn, aMember(), { id: a.incidentId }), async () => null);
    },
  },
  "(dashboard)/settings/alerts/_actions/update-alert-settings.ts#updateAlertSettingsAction": {
    guard: "partner",
    // B's endpoint as A's operational endpoint: refused as for an endpoint that does not exist.
    lib: () => denied("lib updateAlertSettings(A, B's endpoint as operational)", b.endpointIds, (id) => updateAlertSettings(a.partnerId, { overrides: {}, opsEndpointId: id }, actor())),
    invoke: async (fn) => {
      for (const p of [aAdmin(), supportAsA()]) await denied(`action updateAlertSettingsAction as ${p.name}`, b.endpointIds, (id) => call(fn, p, { overrides: {}, opsEndpointId: id }));
      await ownScope("action updateAlertSettingsAction(A's endpoint) as A admin", () => call(fn, aAdmin(), { overrides: { dead_letters_waiting: { olderThanSeconds: 600 } }, opsEndpointId: a.endpointIds[0] }), async () => {
        const row = await db.alertSettings.findUnique({ where: { partnerId: a.partnerId } });
        return row?.opsEndpointId === a.endpointIds[0] ? null : "A's settings were not saved";
      });
    },
  },
  "(dashboard)/connect/_actions/enable-developer-screens.ts#enableDeveloperScreensAction": {
    guard: "partner",
    lib: () => ownScope("lib enableDeveloperScreens(A)", () => enableDeveloperScreens(a.partnerId, actor()), async () => null),
    invoke: (fn) =>
      ownScope("action enableDeveloperScreensAction as A admin", () => call(fn, aAdmin()), async () => {
        const row = await db.partner.findUniqueOrThrow({ where: { id: a.partnerId }, select: { developerToolsEnabledAt: true } });
        return row.developerToolsEnabledAt ? null : "A's developer screens were not switched on";
      }),
  },
  "(dashboard)/support/_actions/acknowledge-incident.ts#acknowledgeIncidentAsSupport": {
    guard: "support",
    invoke: async (fn) => {
      for (const p of [aAdmin(), aMember()]) await denied(`action acknowledgeIncidentAsSupport as ${p.name}`, [b.incidentId], (id) => call(fn, p, { id }));
    },
  },
  "(dashboard)/support/partners/_actions/change-partner-tier.ts#changePartnerTierAction": {
    guard: "support",
    invoke: async (fn) => {
      for (const p of [aAdmin(), aMember()]) await denied(`action changePartnerTierAction as ${p.name}`, [b.partnerId], (id) => call(fn, p, { partnerId: id, tier: "enterprise" }));
    },
  },
  "(dashboard)/support/partners/_actions/create-partner.ts#createPartnerAction": {
    guard: "support",
    invoke: async (fn) => {
      // Support-only: partner users are refused and nothing is created.
      const before = await db.partner.count();
      for (const p of [aAdmin(), aMember()]) {
        const got = await outcome(() => call(fn, p, { name: "Iso Partner", tier: "smb" }));
        counts.actions++;
        if (got.ok || got.code !== "forbidden") leaks.push(`createPartnerAction as ${p.name}: ${JSON.stringify(got)}`);
      }
      if ((await db.partner.count()) !== before) leaks.push("createPartnerAction as a partner user created a partner");
    },
  },
  "(dashboard)/support/_actions/open-partner.ts#openPartnerPage": {
    guard: "support",
    invoke: async (fn) => {
      for (const p of [aAdmin(), aMember()]) await denied(`action openPartnerPage as ${p.name}`, [b.partnerId], (id) => call(fn, p, id, "/events"));
    },
  },
  "(dashboard)/support/_actions/reenable-endpoint.ts#reenableEndpointAction": {
    guard: "support",
    // Support names the partner; a mismatched (partner, endpoint) pair must not switch B's endpoint on.
    lib: () => denied("lib reenableEndpoint(A, B's endpoint)", b.endpointIds, (id) => reenableEndpoint(a.partnerId, id, { retryDeadLettered: true }, actor())),
    invoke: async (fn) => {
      await denied("action reenableEndpointAction(A, B's endpoint) as support", b.endpointIds, (id) => call(fn, supportAsA(), { partnerId: a.partnerId, endpointId: id, retryDeadLettered: true }));
      for (const p of [aAdmin(), aMember()]) {
        await denied(`action reenableEndpointAction(B, B's endpoint) as ${p.name}`, b.endpointIds, (id) => call(fn, p, { partnerId: b.partnerId, endpointId: id, retryDeadLettered: true }));
      }
    },
  },
  "(dashboard)/support/_actions/retry-dead-letters.ts#retryDeadLettersAction": {
    guard: "support",
    invoke: async (fn) => {
      const dead = ids(b.deliveries.filter((d) => d.status === "dead_lettered"));
      for (const p of [aAdmin(), aMember()]) {
        await denied(`action retryDeadLettersAction(B's dead letters) as ${p.name}`, dead, (id) => call(fn, p, [id]));
      }
    },
  },
  // No resource id: the logo is always the caller's partner's. B's logo row is in the final
  // snapshot, and its id (a public URL) in the forbidden strings.
  "(dashboard)/tracking/_actions/remove-partner-logo.ts#removePartnerLogo": {
    guard: "partner",
    lib: () => ownScope("lib removePartnerLogo(A)", () => removeLogoForPartner(actor(), a.partnerId), async (v) => ((v as { removed: boolean }).removed ? null : "A's own logo was not removed")),
    invoke: (fn) => ownScope("action removePartnerLogo as A admin", () => call(fn, aAdmin()), async () => null),
  },
  "(dashboard)/tracking/_actions/upload-partner-logo.ts#uploadPartnerLogo": {
    guard: "partner",
    lib: () => ownScope("lib savePartnerLogo(A)", () => savePartnerLogo(actor(), a.partnerId, new Blob([TINY_PNG])), async (v) => logoOwnerProblem(v)),
    invoke: async (fn) => {
      for (const p of [aAdmin(), supportAsA()]) {
        const form = new FormData();
        form.set("logo", new Blob([TINY_PNG], { type: "image/png" }), "logo.png");
        await ownScope(`action uploadPartnerLogo as ${p.name}`, () => call(fn, p, form), async (v) => logoOwnerProblem(dataOf(v)));
      }
    },
  },
  "(dashboard)/tracking/_actions/retry-sms.ts#retrySms": {
    guard: "partner",
    lib: () => denied("lib retrySms(A, B's SMS)", [b.smsId], (id) => retrySms(actor(), a.partnerId, id)),
    invoke: async (fn) => {
      for (const p of [aAdmin(), aMember(), supportAsA()]) await denied(`action retrySms as ${p.name}`, [b.smsId], (id) => call(fn, p, { messageId: id }));
    },
  },
  "(dashboard)/tracking/_actions/save-sms-template.ts#saveSmsTemplate": {
    guard: "partner",
    lib: () => ownScope("lib saveSmsTemplate(A, delivered)", () => saveSmsTemplate(actor(), a.partnerId, { eventType: "delivered", body: "Your order has arrived.", enabled: true }), async () => null),
    invoke: (fn) => ownScope("action saveSmsTemplate as A admin", () => call(fn, aAdmin(), { eventType: "delivered", body: "Your parcel is here.", enabled: true }), async () => null),
  },
  "(dashboard)/tracking/_actions/update-tracking-settings.ts#updateTrackingSettings": {
    guard: "partner",
    lib: () => ownScope("lib updateLayer1Settings(A)", () => updateLayer1Settings(actor(), a.partnerId, { trackingEnabled: true, smsEnabled: true }), async () => null),
    invoke: (fn) => ownScope("action updateTrackingSettings as A admin", () => call(fn, aAdmin(), { trackingEnabled: false }), async () => null),
  },
  // No resource id: the zone is always the caller's partner's; B's partner row is in the final snapshot.
  "(dashboard)/tracking/_actions/update-customer-time-zone.ts#updateCustomerTimeZoneAction": {
    guard: "partner",
    lib: () => ownScope("lib updateCustomerTimeZone(A)", () => updateCustomerTimeZone(actor(), a.partnerId, "Asia/Kolkata"), async () => null),
    invoke: (fn) => ownScope("action updateCustomerTimeZoneAction as A admin", () => call(fn, aAdmin(), { timeZone: "Asia/Kolkata" }), async () => null),
  },
};
