import { describe, expect, it } from "vitest";
import { DEV_MAIL_FROM, isMailbox, parseEnv } from "@/lib/env-schema";

const base = { DATABASE_URL: "postgresql://u@127.0.0.1:5432/db", AUTH_SECRET: "x".repeat(32), SECRETS_ENCRYPTION_KEY: "k".repeat(44) };

describe("mail configuration", () => {
  it("accepts smtp:// and smtps:// URLs, and no URL at all", () => {
    expect(parseEnv({ ...base, SMTP_URL: "smtps://user:pa%24s@smtp.example.com:465", MAIL_FROM: "Waypoint <no-reply@example.com>" }).SMTP_URL).toBe("smtps://user:pa%24s@smtp.example.com:465");
    expect(parseEnv({ ...base, SMTP_URL: "smtp://127.0.0.1:2525" }).SMTP_URL).toBe("smtp://127.0.0.1:2525");
    expect(parseEnv({ ...base, SMTP_URL: "" }).SMTP_URL).toBeUndefined();
  });

  it("names SMTP_URL when it is not an SMTP URL, without echoing it", () => {
    for (const bad of ["https://smtp.example.com", "smtp.example.com:587", "smtp://"]) {
      const error = (() => {
        try {
          parseEnv({ ...base, SMTP_URL: bad });
        } catch (e) {
          return (e as Error).message;
        }
      })();
      expect(error).toMatch(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
    }
    expect(() => parseEnv({ ...base, SMTP_URL: "https://user:hunter22@x" })).toThrow(expect.objectContaining({ message: expect.not.stringContaining("hunter22") }));
  });

  it("defaults MAIL_FROM outside production, requires it with SMTP_URL in production", () => {
    expect(parseEnv(base).MAIL_FROM).toBe(DEV_MAIL_FROM);
    expect(parseEnv({ ...base, SMTP_URL: "smtp://127.0.0.1:2525" }).MAIL_FROM).toBe(DEV_MAIL_FROM);
    expect(() => parseEnv({ ...base, NODE_ENV: "production", SMTP_URL: "smtps://smtp.example.com" })).toThrow(/MAIL_FROM: required when SMTP_URL is set/);
    expect(parseEnv({ ...base, NODE_ENV: "production" }).MAIL_FROM).toBe(DEV_MAIL_FROM);
  });

  it("takes an address or Name <address>, and nothing that could add a header", () => {
    expect(parseEnv({ ...base, MAIL_FROM: "no-reply@example.com" }).MAIL_FROM).toBe("no-reply@example.com");
    for (const good of ["Waypoint <no-reply@example.com>", '"Acme, Inc." <a@b.co>', "a.b+c@sub.example.org"]) expect(isMailbox(good)).toBe(true);
    for (const bad of ["Waypoint", "no-reply", "<a@b>", "a@b.com\r\nBcc: x@y.z", "a@b.com, c@d.com"]) expect(isMailbox(bad)).toBe(false);
    expect(() => parseEnv({ ...base, MAIL_FROM: "Waypoint" })).toThrow(/MAIL_FROM: must be an address or "Name <address>"/);
  });
});
