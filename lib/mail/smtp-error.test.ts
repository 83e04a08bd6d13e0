import { describe, expect, it } from "vitest";
import { extractLinks } from "@/lib/mail/links";
import { credentialsOf, describeSmtpError } from "@/lib/mail/smtp-error";

describe("SMTP errors", () => {
  const url = new URL("smtps://mailer%40acme.test:s3cr%3Ft-pass@smtp.acme.test:465");
  const secrets = credentialsOf(url);

  it("keeps the reason readable", () => {
    const error = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:2525"), { code: "ESOCKET" });
    expect(describeSmtpError(error, secrets)).toBe("SMTP send failed: ESOCKET: connect ECONNREFUSED 127.0.0.1:2525");
  });

  it("never carries the credentials, in any spelling", () => {
    const plain = Buffer.from("\0mailer@acme.test\0s3cr?t-pass").toString("base64");
    const error = new Error(`Invalid login for mailer@acme.test / s3cr?t-pass (s3cr%3Ft-pass, ${plain}, ${Buffer.from("s3cr?t-pass").toString("base64")}) smtps://u:p@host`);
    const text = describeSmtpError(error, secrets);
    for (const s of ["mailer@acme.test", "s3cr?t-pass", "s3cr%3Ft-pass", plain, "u:p@"]) expect(text).not.toContain(s);
    expect(text).toMatch(/^SMTP send failed: Invalid login for \[redacted\]/);
  });
});

describe("links in a mail", () => {
  it("finds each URL once, without trailing punctuation, HTML entities decoded", () => {
    const text = "Open https://a.test/x?y=1&z=2. Or https://a.test/x?y=1&z=2, and <a href=\"https://b.test/p?q=1&amp;r=2\">b</a>";
    expect(extractLinks(text)).toEqual(["https://a.test/x?y=1&z=2", "https://b.test/p?q=1&r=2"]);
  });
});
