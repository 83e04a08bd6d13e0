// Every template kind with the link it must carry and facts a reader needs (shared by the tests).
import type { MailTemplate } from "@/lib/mail/types";

export const expiresAt = new Date("2026-05-12T14:30:00Z");
export const url = "https://app.waypoint.test/invite/tok_123?s=abc&x=1";

export const TEMPLATE_CASES: { template: MailTemplate; link: string; subject: string; facts: string[] }[] = [
  {
    template: { kind: "invite", partnerName: "Acme", inviterName: "Priya Shah", role: "partner_admin", url, expiresAt },
    link: url,
    subject: "You're invited to Acme on Waypoint",
    facts: ["Priya Shah", "Acme", "an admin", "12 May 2026", "14:30 UTC"],
  },
  {
    template: { kind: "set_password", name: "Ravi", url, expiresAt },
    link: url,
    subject: "Set your Waypoint password",
    facts: ["Ravi", "12 May 2026"],
  },
  {
    template: { kind: "password_reset", name: "Meera", url, expiresAt },
    link: url,
    subject: "Reset your Waypoint password",
    facts: ["Meera", "12 May 2026", "ignore this mail"],
  },
  {
    template: { kind: "endpoint_disabled", endpointUrl: "https://hooks.acme.test/wp", reason: "Disabled automatically: the last 20 deliveries were all dead-lettered.", dashboardUrl: "http://localhost:3000/endpoints/ep_1" },
    link: "http://localhost:3000/endpoints/ep_1",
    subject: "Waypoint disabled your webhook endpoint https://hooks.acme.test/wp",
    facts: ["https://hooks.acme.test/wp", "last 20 deliveries were all dead-lettered", "Nothing is lost"],
  },
  {
    template: { kind: "dead_letters_waiting", partnerName: "UrbanKart", count: 37, dashboardUrl: "http://localhost:3000/events?status=dead_lettered&range=7d" },
    link: "http://localhost:3000/events?status=dead_lettered&range=7d",
    subject: "UrbanKart: 37 webhook deliveries failed and are waiting",
    facts: ["37 webhook deliveries", "UrbanKart", "7 days"],
  },
  {
    template: { kind: "intake_failures", sourceName: "Kettle Shopify", count: 12, windowMinutes: 15, topReason: "customer_phone: missing (no value at shipping_address.phone)", dashboardUrl: "http://localhost:3000/intake?source=src_1" },
    link: "http://localhost:3000/intake?source=src_1",
    subject: "Orders from Kettle Shopify are failing to arrive in Waypoint",
    facts: ["12 requests", "Kettle Shopify", "15 minutes", "customer_phone: missing", "Nothing is lost"],
  },
  {
    template: { kind: "incident", state: "opened", partnerName: "UrbanKart", ruleLabel: "Failure rate", about: "endpoint", target: "https://hooks.urbankart.test/wp", summary: "42 % of 50 delivery attempts failed in the last 15 min (threshold 20 %).", openedAt: expiresAt, resolvedAt: null, dashboardUrl: "http://localhost:3000/incidents" },
    link: "http://localhost:3000/incidents",
    subject: "Alert: Failure rate on https://hooks.urbankart.test/wp (UrbanKart)",
    facts: ["42 % of 50 delivery attempts failed", "https://hooks.urbankart.test/wp", "12 May 2026", "Nothing is lost"],
  },
  {
    template: {
      kind: "incident",
      state: "reminder",
      partnerName: "UrbanKart",
      ruleLabel: "Order intake failures",
      about: "order_source",
      target: "order source 'Kettle Shopify'",
      summary: "12 failed intakes in the last 15 min (threshold 10); top reason: customer_phone: missing (no value at shipping_address.phone)",
      openedAt: expiresAt,
      resolvedAt: null,
      dashboardUrl: "http://localhost:3000/incidents?id=inc_1",
    },
    link: "http://localhost:3000/incidents?id=inc_1",
    subject: "Still open: Order intake failures on order source 'Kettle Shopify' (UrbanKart)",
    facts: ["12 failed intakes", "order source 'Kettle Shopify'", "customer_phone: missing", "in the intake log with its body", "per rule and order source"],
  },
  {
    template: { kind: "v1_sunset", partnerName: "Sportsline", sunsetDate: new Date("2027-11-30T00:00:00Z"), daysLeft: 30, endpointUrls: ["https://crm.sportsline.test/hooks"], dashboardUrl: "http://localhost:3000/endpoints" },
    link: "http://localhost:3000/endpoints",
    subject: "Sportsline: webhook payload v1 ends on 30 November 2027 (30 days)",
    facts: ["30 November 2027", "30 days", "https://crm.sportsline.test/hooks", "Deprecation and Sunset headers"],
  },
];
