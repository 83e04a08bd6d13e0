import type { MailTemplate } from "@/lib/mail/types";
import { Layout, Paragraph, Small } from "@/lib/mail/templates/layout";

type Props = Extract<MailTemplate, { kind: "dead_letters_waiting" }>;

const deliveries = (count: number) => (count === 1 ? "1 webhook delivery" : `${count} webhook deliveries`);

export const deadLettersWaitingSubject = (p: Props) => `${p.partnerName}: ${deliveries(p.count)} failed and ${p.count === 1 ? "is" : "are"} waiting`;

export function DeadLettersWaitingEmail(p: Props) {
  return (
    <Layout
      preview={`${deliveries(p.count)} could not be delivered and wait for a retry.`}
      heading="Webhook deliveries are waiting for you"
      action={{ label: "See the dead-lettered events", url: p.dashboardUrl }}
      footnote={<Small>Waypoint sends this at most every 6 hours while new deliveries keep failing.</Small>}
    >
      <Paragraph>
        {deliveries(p.count)} for {p.partnerName} failed every attempt in the last 7 days and {p.count === 1 ? "was" : "were"}{" "}
        dead-lettered. They are kept, not lost.
      </Paragraph>
      <Paragraph>Check the endpoint&apos;s errors in the Event Log, fix the cause, then retry them from there.</Paragraph>
    </Layout>
  );
}
