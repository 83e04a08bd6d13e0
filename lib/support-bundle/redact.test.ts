import { describe, expect, it } from "vitest";
import { maskPhone, redactSecrets, redactUrl } from "@/lib/support-bundle/redact";

describe("support bundle redaction", () => {
  it("URLs lose credentials and query values, keep their shape", () => {
    expect(redactUrl("https://user:pa55@hooks.acme.test/wp?token=abc&v=2")).toBe("https://hooks.acme.test/wp?token=[redacted]&v=[redacted]");
    expect(redactUrl("https://hooks.acme.test/wp")).toBe("https://hooks.acme.test/wp");
    expect(redactUrl("not a url")).toBe("[unparseable URL]");
  });

  it("secret-looking fields are replaced at any depth, nulls stay null", () => {
    expect(redactSecrets({ delivery: { otp: "4821", eta_window: { from: null } }, list: [{ token: "t" }], otp2: "x", secret: null })).toEqual({
      delivery: { otp: "[redacted]", eta_window: { from: null } },
      list: [{ token: "[redacted]" }],
      otp2: "x",
      secret: null,
    });
  });

  it("phones keep their last 3 digits", () => {
    expect(maskPhone("+919812345214")).toBe("xxxxxxxxxx214");
  });
});
