// What a caller asks to send: a template and its values. Rendering, transport, outbox record
// and retries are lib/mail's business (send-mail.ts).
export type MailTemplate =
  | { kind: "set_password"; name: string; url: string; expiresAt: Date }
  | { kind: "invite"; partnerName: string; inviterName: string; role: "partner_admin" | "partner_member"; url: string; expiresAt: Date }
  | { kind: "password_reset"; name: string; url: string; expiresAt: Date }
  | { kind: "endpoint_disabled"; endpointUrl: string; reason: string; dashboardUrl: string }
  | { kind: "dead_letters_waiting"; partnerName: string; count: number; dashboardUrl: string }
  | { kind: "intake_failures"; sourceName: string; count: number; windowMinutes: number; topReason: string; dashboardUrl: string }
  // target: the endpoint's URL, or "order source 'name'" (about says which).
  | { kind: "incident"; state: "opened" | "reminder" | "resolved"; partnerName: string; ruleLabel: string; about: "endpoint" | "order_source"; target: string; summary: string; openedAt: Date; resolvedAt: Date | null; dashboardUrl: string }
  | { kind: "v1_sunset"; partnerName: string; sunsetDate: Date; daysLeft: number; endpointUrls: string[]; dashboardUrl: string };

export type MailRequest = { partnerId: string | null; to: string; template: MailTemplate };
