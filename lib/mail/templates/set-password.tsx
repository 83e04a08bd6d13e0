import type { MailTemplate } from "@/lib/mail/types";
import { formatExpiry, Layout, Paragraph, Small } from "@/lib/mail/templates/layout";

type Props = Extract<MailTemplate, { kind: "set_password" }>;

export const setPasswordSubject = () => "Set your Waypoint password";

export function SetPasswordEmail(p: Props) {
  return (
    <Layout
      preview="Your Waypoint account is ready: choose a password to sign in."
      heading="Set your password"
      action={{ label: "Set my password", url: p.url }}
      footnote={<Small>This link expires on {formatExpiry(p.expiresAt)} and works once.</Small>}
    >
      <Paragraph>Hello {p.name},</Paragraph>
      <Paragraph>A Waypoint account was created for you. Choose a password to sign in.</Paragraph>
    </Layout>
  );
}
