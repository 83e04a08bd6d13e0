import type { MailTemplate } from "@/lib/mail/types";
import { Layout, Paragraph } from "@/lib/mail/templates/layout";

type Props = Extract<MailTemplate, { kind: "v1_sunset" }>;

const day = (d: Date) => new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(d);

export const v1SunsetSubject = (p: Props) => `${p.partnerName}: webhook payload v1 ends on ${day(p.sunsetDate)} (${p.daysLeft} days)`;

/** 90, 30 and 7 days before v1's end of support, to the admins of partners with v1 endpoints. */
export function V1SunsetEmail(p: Props) {
  return (
    <Layout preview={`${p.endpointUrls.length} endpoint(s) still receive v1 payloads.`} heading="Move your webhooks to payload v2" action={{ label: "Review your endpoints", url: p.dashboardUrl }}>
      <Paragraph>
        {`Webhook payload v1 is supported until ${day(p.sunsetDate)}, ${p.daysLeft} days from now. After that date no endpoint can choose v1, and every v1 delivery already carries Deprecation and Sunset headers.`}
      </Paragraph>
      <Paragraph>{`These endpoints of ${p.partnerName} still receive v1: ${p.endpointUrls.join(", ")}.`}</Paragraph>
      <Paragraph>v2 has one shape for every event (every key always present, null when it does not apply). Switch each endpoint to v2 in its settings.</Paragraph>
    </Layout>
  );
}
