import type { MailTemplate } from "@/lib/mail/types";
import { formatExpiry, Layout, Paragraph, Small } from "@/lib/mail/templates/layout";

type Props = Extract<MailTemplate, { kind: "password_reset" }>;

export const passwordResetSubject = () => "Reset your Waypoint password";

export function PasswordResetEmail(p: Props) {
  return (
    <Layout
      preview="Someone asked to reset your Waypoint password."
      heading="Reset your password"
      action={{ label: "Choose a new password", url: p.url }}
      footnote={
        <Small>
          This link expires on {formatExpiry(p.expiresAt)} and works once. If you did not ask for it, ignore this mail: your
          password stays as it is.
        </Small>
      }
    >
      <Paragraph>Hello {p.name},</Paragraph>
      <Paragraph>Someone, hopefully you, asked to reset the password of your Waypoint account.</Paragraph>
    </Layout>
  );
}
