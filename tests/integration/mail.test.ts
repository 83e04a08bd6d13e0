import { afterAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { performDeliveryAttempt } from "@/lib/delivery/perform-attempt";
import { sendDeadLetterDigests } from "@/lib/mail/dead-letter-digest";
import { startMailbox, type Mailbox } from "@/lib/mail/mailbox-server";
import { MAIL_RETRY_SCHEDULE_S } from "@/lib/mail/policy";
import { sendDueMail } from "@/lib/mail/retry-due-mail";
import { sendMail } from "@/lib/mail/send-mail";
import { createOrder } from "@/lib/orders/create-order";
import { createEndpoint, createPartner, createUser } from "@/prisma/factories";

// lib/env.ts reads SMTP_URL once, on first import: the catcher must be listening (on a free
// port) and the variables set before the imports above run. vi.hoisted runs before them.
const firstMailbox = await vi.hoisted(async () => {
  const { startMailbox: start } = await import("@/lib/mail/mailbox-server");
  const box = await start({ smtpPort: 0, httpPort: 0 });
  process.env.SMTP_URL = `smtp://127.0.0.1:${box.smtpPort}`;
  process.env.MAIL_FROM = "Waypoint Test <no-reply@waypoint.test>";
  return box;
});

let mailbox: Mailbox | null = firstMailbox;
const smtpPort = firstMailbox.smtpPort;
const smtpDown = async () => {
  await mailbox?.stop();
  mailbox = null;
};
const smtpUp = async () => {
  mailbox ??= await startMailbox({ smtpPort, httpPort: 0 });
  return mailbox;
};
const inbox = (to: string) => (mailbox?.messages() ?? []).filter((m) => m.to.includes(to));
const row = (id: string) => db.emailMessage.findUniqueOrThrow({ where: { id } });
const after = (date: Date | null, ms = 1000) => new Date(date!.getTime() + ms);

afterAll(() => mailbox?.stop());

const invite = (partnerName: string) =>
  ({ kind: "invite", partnerName, inviterName: "Priya Shah", role: "partner_member", url: `http://localhost:3000/invite/tok_${Date.now()}?s=secret&x=1`, expiresAt: new Date(Date.now() + 7 * 86_400_000) }) as const;

describe("mail over SMTP", () => {
  it("sends an invite: the mail arrives with its link, sender and subject, and the row is sent", async () => {
    const box = await smtpUp();
    const partner = await createPartner({ name: "Acme" });
    const template = invite("Acme");
    const { id } = await sendMail({ partnerId: partner.id, to: "new.person@example.test", template });

    const [mail, ...others] = inbox("new.person@example.test");
    expect(others).toHaveLength(0);
    expect(mail!.subject).toBe("You're invited to Acme on Waypoint");
    expect(mail!.from).toBe('"Waypoint Test" <no-reply@waypoint.test>');
    expect(mail!.text).toContain(template.url);
    expect(mail!.html).toContain(template.url.replace(/&/g, "&amp;"));
    expect(mail!.links).toContain(template.url);

    const sent = await row(id);
    expect(sent).toMatchObject({ status: "sent", attemptCount: 1, template: "invite", to: "new.person@example.test", lastError: null, nextAttemptAt: null, lockedUntil: null });
    expect(sent.providerMessageId).toBe(mail!.messageId);
    expect(sent.sentAt).toBeInstanceOf(Date);

    // The catcher's HTTP API, as a browser test would read it.
    const api = `http://127.0.0.1:${box.httpPort}`;
    const latest = await fetch(`${api}/api/messages/latest?to=NEW.PERSON@example.test`);
    expect(latest.status).toBe(200);
    expect(((await latest.json()) as { links: string[] }).links).toContain(template.url);
    expect((await fetch(`${api}/api/messages/latest?to=nobody@example.test`)).status).toBe(404);
    expect(await (await fetch(`${api}/`)).text()).toContain("You&#39;re invited to Acme on Waypoint");
    expect((await fetch(`${api}/api/messages`, { method: "DELETE" })).status).toBe(204);
    expect(box.messages()).toHaveLength(0);
  });

  it("keeps a mail the SMTP server did not take, and the retry sends it once the server is back", async () => {
    await smtpDown();
    const partner = await createPartner();
    const template = invite(partner.name);
    const before = Date.now();
    const { id } = await sendMail({ partnerId: partner.id, to: "later@example.test", template });

    const failed = await row(id);
    expect(failed).toMatchObject({ status: "retrying", attemptCount: 1, sentAt: null, lockedUntil: null });
    expect(failed.lastError).toMatch(/^SMTP send failed: .*ECONNREFUSED/);
    expect(failed.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(before + MAIL_RETRY_SCHEDULE_S[0] * 1000);

    // Not due yet: nothing is claimed.
    expect((await sendDueMail(new Date())).claimed).toBe(0);

    await smtpUp();
    const result = await sendDueMail(after(failed.nextAttemptAt));
    expect(result).toMatchObject({ claimed: 1, sent: 1 });
    expect(await row(id)).toMatchObject({ status: "sent", attemptCount: 2, lastError: null, nextAttemptAt: null });
    expect(inbox("later@example.test").map((m) => m.subject)).toEqual([`You're invited to ${partner.name} on Waypoint`]);
  });

  it("marks a mail failed after the last retry, and keeps it", async () => {
    await smtpDown();
    const partner = await createPartner();
    const { id } = await sendMail({ partnerId: partner.id, to: "never@example.test", template: invite(partner.name) });
    for (let retry = 1; retry <= MAIL_RETRY_SCHEDULE_S.length; retry++) {
      const current = await row(id);
      expect(current.status).toBe("retrying");
      await sendDueMail(after(current.nextAttemptAt));
    }
    const last = await row(id);
    expect(last).toMatchObject({ status: "failed", attemptCount: MAIL_RETRY_SCHEDULE_S.length + 1, nextAttemptAt: null, lockedUntil: null });
    expect(last.lastError).toMatch(/ECONNREFUSED/);
    // Failed is final: a later run does not pick it up again.
    await smtpUp();
    expect((await sendDueMail(new Date(Date.now() + 86_400_000))).claimed).toBe(0);
    expect(inbox("never@example.test")).toHaveLength(0);
  });

  it("sends a new mail whose first send was lost with its process once the lease ends", async () => {
    await smtpUp();
    const partner = await createPartner();
    // What sendMail leaves behind when the process dies between writing the row and sending it.
    const leaseEnd = new Date(Date.now() + 120_000);
    const lost = await db.emailMessage.create({
      data: { partnerId: partner.id, to: "orphan@example.test", template: "invite", subject: "Orphan", body: "Hello http://x.test/a", html: null, status: "pending", nextAttemptAt: leaseEnd, lockedUntil: leaseEnd },
    });
    expect((await sendDueMail(new Date())).claimed).toBe(0);
    await sendDueMail(after(leaseEnd));
    expect(await row(lost.id)).toMatchObject({ status: "sent", attemptCount: 1 });
    expect(inbox("orphan@example.test")).toHaveLength(1);
  });

  it("rejects a recipient that is not one address, without writing a row", async () => {
    const partner = await createPartner();
    await expect(sendMail({ partnerId: partner.id, to: "a@example.test\r\nBcc: b@example.test", template: invite("X") })).rejects.toThrow(/one e-mail address/);
    expect(await db.emailMessage.count({ where: { partnerId: partner.id } })).toBe(0);
  });
});

// A closed port: every attempt fails at once.
const DEAD_URL = "http://127.0.0.1:9/hook";

async function deadLetter(partnerId: string, n: number) {
  for (let i = 0; i < n; i++) {
    const { deliveries } = await db.$transaction((tx) =>
      createOrder(tx, { partnerId }, { merchant_order_ref: `DL-${Date.now()}-${i}`, customer_id: "c", customer_name: "Meera", customer_phone: "+919812345678" }),
    );
    for (const d of deliveries) expect((await performDeliveryAttempt(d.id)).kind).toBe("dead_lettered");
  }
}

describe("dead letters waiting", () => {
  it("tells each admin once, with the count and the Event Log link, and not again within 6 hours", async () => {
    await smtpUp();
    const partner = await createPartner({ name: `Kettle ${Date.now()}`, retrySchedule: [] });
    const admins = await Promise.all([1, 2].map((i) => createUser({ role: "partner_admin", partnerId: partner.id, password: "x", email: `admin${i}-${partner.id}@example.test` })));
    const member = await createUser({ role: "partner_member", partnerId: partner.id, password: "x" });
    await createEndpoint({ partnerId: partner.id, url: DEAD_URL });
    await deadLetter(partner.id, 3);

    // Two processes at once: the lock and the outbox rows let only one of them send.
    await Promise.all([sendDeadLetterDigests(), sendDeadLetterDigests()]);
    const rows = await db.emailMessage.findMany({ where: { partnerId: partner.id, template: "dead_letters_waiting" } });
    expect(rows.map((r) => r.to).sort()).toEqual(admins.map((a) => a.email).sort());
    expect(rows.every((r) => r.status === "sent")).toBe(true);
    for (const admin of admins) {
      const [mail, ...more] = inbox(admin.email);
      expect(more).toHaveLength(0);
      expect(mail!.subject).toBe(`${partner.name}: 3 webhook deliveries failed and are waiting`);
      expect(mail!.text).toContain("3 webhook deliveries");
      expect(mail!.links).toContain("http://localhost:3000/events?status=dead_lettered&range=7d");
    }
    expect(inbox(member.email)).toHaveLength(0);

    // New dead letters within 6 hours: quiet.
    await deadLetter(partner.id, 1);
    await sendDeadLetterDigests();
    expect(await db.emailMessage.count({ where: { partnerId: partner.id, template: "dead_letters_waiting" } })).toBe(2);

    // Once the last alert is older than 6 hours, the next new dead letter alerts again, with the new count.
    await db.emailMessage.updateMany({ where: { partnerId: partner.id }, data: { createdAt: new Date(Date.now() - 6 * 3_600_000 - 60_000) } });
    await sendDeadLetterDigests();
    expect(await db.emailMessage.count({ where: { partnerId: partner.id, template: "dead_letters_waiting" } })).toBe(4);
    expect(inbox(admins[0]!.email)[0]!.subject).toBe(`${partner.name}: 4 webhook deliveries failed and are waiting`);
  });

  it("stays quiet for dead letters older than an hour", async () => {
    const partner = await createPartner({ retrySchedule: [] });
    await createUser({ role: "partner_admin", partnerId: partner.id, password: "x" });
    await createEndpoint({ partnerId: partner.id, url: DEAD_URL });
    await deadLetter(partner.id, 1);
    await sendDeadLetterDigests(new Date(Date.now() + 61 * 60_000));
    expect(await db.emailMessage.count({ where: { partnerId: partner.id } })).toBe(0);
  });
});
