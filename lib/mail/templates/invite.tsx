import type { MailTemplate } from "@/lib/mail/types";
import { formatExpiry, Layout, Paragraph, Small } from "@/lib/mail/templates/layout";

type Props = Extract<MailTemplate, { kind: "invite" }>;

const ROLE_WORDS: Record<Props["role"], string> = { partner_admin: "an admin", partner_member: "a member" };

export const inviteSubject = (p: Props) => `You're invited to ${p.partnerName} on Waypoint`;

export function InviteEmail(p: Props) {
  return (
    <Layout
      preview={`${p.inviterName} invited you to ${p.partnerName} on Waypoint.`}
      heading={`Join ${p.partnerName} on Waypoint`}
      action={{ label: "Accept the invitation", url: p.url }}
      footnote={
        <Small>
          This invitation expires on {formatExpiry(p.expiresAt)} and works once. If you did not expect it, you can ignore this mail.
        </Small>
      }
    >
      <Paragraph>
        {p.inviterName} invited you to join {p.partnerName} on Waypoint as {ROLE_WORDS[p.role]}. Waypoint sends {p.partnerName}&apos;s
        order updates to its systems as webhooks and shows every delivery in one place.
      </Paragraph>
      <Paragraph>Accept the invitation to choose your password and sign in.</Paragraph>
    </Layout>
  );
}
