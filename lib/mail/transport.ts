import "server-only";
import nodemailer from "nodemailer";
import { DEV_MAIL_FROM } from "@/lib/env-schema";
import { env } from "@/lib/env";
import { extractLinks } from "@/lib/mail/links";
import { SMTP_TIMEOUTS_MS } from "@/lib/mail/policy";
import { credentialsOf, describeSmtpError } from "@/lib/mail/smtp-error";

export type OutgoingMail = { id: string; to: string; subject: string; text: string; html: string | null };
export type MailTransport = { name: "smtp" | "outbox"; send(mail: OutgoingMail): Promise<{ messageId: string }> };

/** SMTP when SMTP_URL is set, else the outbox. One transport per process (nodemailer keeps no pool here). */
export function mailTransport(): MailTransport {
  return (cached ??= env.SMTP_URL ? smtpTransport(env.SMTP_URL, env.MAIL_FROM ?? DEV_MAIL_FROM) : outboxTransport);
}
let cached: MailTransport | undefined;

/**
 * No provider: the EmailMessage row is the outbox, and "sending" marks it sent. A developer
 * still needs the invite and reset links, so development prints them; production never does
 * (the links are secrets).
 */
const outboxTransport: MailTransport = {
  name: "outbox",
  async send(mail) {
    if (process.env.NODE_ENV !== "production" && process.env.NODE_ENV !== "test") {
      console.log(`[mail outbox] to ${mail.to} · "${mail.subject}" · ${extractLinks(mail.text).join(" ") || "(no links)"}`);
    }
    return { messageId: "outbox" };
  },
};

function smtpTransport(smtpUrl: string, from: string): MailTransport {
  const url = new URL(smtpUrl);
  const secure = url.protocol === "smtps:";
  const transporter = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port) || (secure ? 465 : 587),
    secure,
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    connectionTimeout: SMTP_TIMEOUTS_MS.connection,
    greetingTimeout: SMTP_TIMEOUTS_MS.greeting,
    socketTimeout: SMTP_TIMEOUTS_MS.socket,
    // nodemailer's own logger would print the SMTP conversation, AUTH included.
    logger: false,
    debug: false,
  });
  const secrets = credentialsOf(url);
  return {
    name: "smtp",
    async send(mail) {
      try {
        const info = await transporter.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html ?? undefined });
        return { messageId: info.messageId };
      } catch (error) {
        throw new Error(describeSmtpError(error, secrets));
      }
    },
  };
}
