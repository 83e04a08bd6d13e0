import { expect } from "@playwright/test";

// Reads mail caught by the local mailbox (scripts/mailbox.ts: SMTP on MAILBOX_SMTP_PORT, HTTP API
// on MAILBOX_HTTP_PORT) that the e2e app sends to through SMTP_URL.

export const MAILBOX_URL = `http://127.0.0.1:${process.env.MAILBOX_HTTP_PORT ?? 2580}`;

export type CaughtMail = { id: string; to: string[]; subject: string; text: string; html: string | null; links: string[] };

async function fetchLatest(to: string): Promise<CaughtMail | null> {
  const res = await fetch(`${MAILBOX_URL}/api/messages/latest?to=${encodeURIComponent(to)}`);
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`mailbox answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as CaughtMail;
}

/** The id of the newest mail to `to` right now (null if none): pass it to latestMail to wait for a newer one. */
export async function latestMailId(to: string): Promise<string | null> {
  return (await fetchLatest(to))?.id ?? null;
}

/** The newest mail to `to` that is not `newerThan`, waiting up to 10 s for it to arrive (the app sends after answering). */
export async function latestMail(to: string, opts: { newerThan?: string | null } = {}): Promise<CaughtMail> {
  let mail: CaughtMail | null = null;
  await expect
    .poll(
      async () => {
        mail = await fetchLatest(to);
        return mail !== null && mail.id !== opts.newerThan;
      },
      { message: `a new mail to ${to} in the mailbox at ${MAILBOX_URL}`, timeout: 10_000, intervals: [100, 250, 500] },
    )
    .toBe(true);
  return mail!;
}

/** The first link in the mail whose path starts with `pathPrefix`. */
export function linkIn(mail: CaughtMail, pathPrefix: string): string {
  const link = mail.links.find((l) => new URL(l).pathname.startsWith(pathPrefix));
  if (!link) throw new Error(`no ${pathPrefix} link in "${mail.subject}": ${mail.links.join(", ")}`);
  return link;
}
