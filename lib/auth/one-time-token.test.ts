import { describe, expect, it } from "vitest";
import { formatToken, issueSecret, parseToken, secretMatches } from "@/lib/auth/one-time-token";

describe("one-time tokens", () => {
  it("round-trips a token and matches only its own secret", () => {
    const { secret, hash } = issueSecret();
    const parsed = parseToken(formatToken("clx0abc123def456", secret));
    expect(parsed).toEqual({ rowId: "clx0abc123def456", secret });
    expect(secretMatches(secret, hash)).toBe(true);
    expect(secretMatches(secret.slice(0, -1) + (secret.endsWith("A") ? "B" : "A"), hash)).toBe(false);
  });

  it("stores a hash, never the secret", () => {
    const { secret, hash } = issueSecret();
    expect(hash).not.toContain(secret);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("rejects malformed tokens", () => {
    expect(parseToken("")).toBeNull();
    expect(parseToken("no-dot-here")).toBeNull();
    expect(parseToken("abc.def")).toBeNull();
    expect(parseToken("clx0abc123def456.<script>alert(1)</script>aaaaaaaaaaaa")).toBeNull();
  });
});
