import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { sendMail } from "@/lib/mail/send-mail";
import { createPartner } from "@/prisma/factories";

// No SMTP_URL in this file, whatever the shell has: the outbox transport (mail.test.ts covers SMTP).
vi.hoisted(() => {
  delete process.env.SMTP_URL;
});

describe("mail without SMTP_URL (the outbox)", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("marks the mail sent and, in development, prints one line with the recipient, subject and links", async () => {
    vi.stubEnv("NODE_ENV", "development");
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const partner = await createPartner({ name: "Acme" });
    const url = "http://localhost:3000/reset-password/tok_1?s=abc";
    const { id } = await sendMail({ partnerId: partner.id, to: "dev@example.test", template: { kind: "password_reset", name: "Dev", url, expiresAt: new Date(Date.now() + 3_600_000) } });

    expect(await db.emailMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "sent", providerMessageId: "outbox", attemptCount: 1, template: "password_reset" });
    expect(log).toHaveBeenCalledTimes(1);
    const line = String(log.mock.calls[0]![0]);
    expect(line).not.toContain("\n");
    for (const part of ["dev@example.test", "Reset your Waypoint password", url]) expect(line).toContain(part);
  });

  it("prints nothing in production: the links are secrets", async () => {
    vi.stubEnv("NODE_ENV", "production");
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const partner = await createPartner();
    const { id } = await sendMail({ partnerId: partner.id, to: "prod@example.test", template: { kind: "set_password", name: "P", url: "http://x.test/s/tok", expiresAt: new Date() } });
    expect((await db.emailMessage.findUniqueOrThrow({ where: { id } })).status).toBe("sent");
    expect(log).not.toHaveBeenCalled();
  });
});
