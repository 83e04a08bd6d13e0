// A real SMTP catcher for a test file, started before the app's modules read the mail settings
// (call it from vi.hoisted): SMTP_URL, MAIL_FROM and ALERT_SUPPORT_EMAIL point at it.
export async function startTestMailbox(sender: string, supportEmail: string) {
  const { startMailbox } = await import("@/lib/mail/mailbox-server");
  const box = await startMailbox({ smtpPort: 0, httpPort: 0 });
  process.env.SMTP_URL = `smtp://127.0.0.1:${box.smtpPort}`;
  process.env.MAIL_FROM = `${sender} <no-reply@waypoint.test>`;
  process.env.ALERT_SUPPORT_EMAIL = supportEmail;
  return box;
}
