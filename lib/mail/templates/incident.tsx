import type { MailTemplate } from "@/lib/mail/types";
import { formatExpiry, Layout, Paragraph, Small } from "@/lib/mail/templates/layout";

type Props = Extract<MailTemplate, { kind: "incident" }>;

const VERB = { opened: "Alert", reminder: "Still open", resolved: "Resolved" } as const;

export const incidentSubject = (p: Props) => `${VERB[p.state]}: ${p.ruleLabel} on ${p.target} (${p.partnerName})`;

/** An incident opened, still open after an hour (unacknowledged), or resolved by itself. */
export function IncidentEmail(p: Props) {
  const heading = p.state === "resolved" ? `Resolved: ${p.ruleLabel}` : p.state === "reminder" ? `Still open: ${p.ruleLabel}` : `Alert: ${p.ruleLabel}`;
  return (
    <Layout
      preview={`${p.partnerName}: ${p.summary}`}
      heading={heading}
      action={{ label: "Open the incident", url: p.dashboardUrl }}
      footnote={<Small>{`At most one notice an hour per rule and ${p.about === "order_source" ? "order source" : "endpoint"}. Acknowledge the incident to stop reminders; it resolves by itself when the condition clears.`}</Small>}
    >
      <Paragraph>
        {p.partnerName} · {p.target}
      </Paragraph>
      <Paragraph>{p.summary}</Paragraph>
      <Paragraph>
        Opened {formatExpiry(p.openedAt)}
        {p.resolvedAt ? `, resolved ${formatExpiry(p.resolvedAt)}` : ""}.
        {p.state === "resolved"
          ? " The condition has cleared; nothing more to do."
          : p.about === "order_source"
            ? " Nothing is lost: each failed request is in the intake log with its body, to replay once the cause is fixed."
            : " Nothing is lost: failed deliveries are retried, then kept as dead-lettered for a retry by hand."}
      </Paragraph>
    </Layout>
  );
}
