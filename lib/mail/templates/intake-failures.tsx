import type { MailTemplate } from "@/lib/mail/types";
import { Layout, Paragraph, Small } from "@/lib/mail/templates/layout";

type Props = Extract<MailTemplate, { kind: "intake_failures" }>;

export const intakeFailuresSubject = (p: Props) => `Orders from ${p.sourceName} are failing to arrive in Waypoint`;

export function IntakeFailuresEmail(p: Props) {
  return (
    <Layout
      preview={`${p.count} orders from ${p.sourceName} failed in the last ${p.windowMinutes} minutes.`}
      heading="An order source is failing"
      action={{ label: "Open the intake log", url: p.dashboardUrl }}
      footnote={<Small>At most one notice an hour per order source. The incident resolves by itself once the failures fall below the threshold; acknowledge it under Incidents to stop the hourly reminders.</Small>}
    >
      <Paragraph>
        {`${p.count} requests from the order source ${p.sourceName} failed in the last ${p.windowMinutes} minutes. Most common reason: ${p.topReason}`}
      </Paragraph>
      <Paragraph>
        Nothing is lost: each request is in the intake log with its body. Fix the mapping, the phone settings or the secret, then replay the failed
        intakes from there.
      </Paragraph>
    </Layout>
  );
}
