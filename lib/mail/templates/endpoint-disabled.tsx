import type { MailTemplate } from "@/lib/mail/types";
import { Layout, Paragraph } from "@/lib/mail/templates/layout";

type Props = Extract<MailTemplate, { kind: "endpoint_disabled" }>;

export const endpointDisabledSubject = (p: Props) => `Waypoint disabled your webhook endpoint ${p.endpointUrl}`;

export function EndpointDisabledEmail(p: Props) {
  return (
    <Layout
      preview={`Webhooks to ${p.endpointUrl} are paused. Nothing is lost.`}
      heading="A webhook endpoint was disabled"
      action={{ label: "Open the endpoint", url: p.dashboardUrl }}
    >
      <Paragraph>Waypoint stopped sending webhooks to {p.endpointUrl}.</Paragraph>
      <Paragraph>{p.reason}</Paragraph>
      <Paragraph>
        Nothing is lost: failed deliveries are kept as dead-lettered. Fix the endpoint, then re-enable it in the dashboard and choose
        &quot;Retry everything dead-lettered since it was disabled&quot;.
      </Paragraph>
    </Layout>
  );
}
