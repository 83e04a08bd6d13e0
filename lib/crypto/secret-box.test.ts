import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, generateApiKey, hashApiKey } from "./secret-box";

const keyBytes = randomBytes(32);
const b64Key = keyBytes.toString("base64");
const hexKey = keyBytes.toString("hex");

describe("encryptSecret / decryptSecret", () => {
  it("round-trips with a base64 key and a hex key of the same bytes", () => {
    const boxed = encryptSecret("whsec_abc", b64Key);
    expect(boxed).toMatch(/^v1:[^:]+:[^:]+:[^:]+$/);
    expect(decryptSecret(boxed, b64Key)).toBe("whsec_abc");
    expect(decryptSecret(boxed, hexKey)).toBe("whsec_abc");
    expect(decryptSecret(encryptSecret("", b64Key), b64Key)).toBe("");
    expect(decryptSecret(encryptSecret("ünïcødé ✓", b64Key), b64Key)).toBe("ünïcødé ✓");
  });

  it("uses a fresh IV each time", () => {
    expect(encryptSecret("same", b64Key)).not.toBe(encryptSecret("same", b64Key));
  });

  it("accepts base64url keys without padding", () => {
    const url = keyBytes.toString("base64url");
    expect(decryptSecret(encryptSecret("x", url), b64Key)).toBe("x");
  });

  it("refuses a wrong key or tampered data", () => {
    const boxed = encryptSecret("secret", b64Key);
    expect(() => decryptSecret(boxed, randomBytes(32).toString("base64"))).toThrow(/wrong encryption key/);
    const [v, iv, tag, data] = boxed.split(":") as [string, string, string, string];
    const flipped = Buffer.from(data, "base64");
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => decryptSecret([v, iv, tag, flipped.toString("base64")].join(":"), b64Key)).toThrow(/altered/);
    expect(() => decryptSecret(`v2:${iv}:${tag}:${data}`, b64Key)).toThrow(/unknown format/);
    expect(() => decryptSecret("garbage", b64Key)).toThrow(/unknown format/);
  });

  it("validates the key with a clear message that never echoes it", () => {
    for (const bad of ["", "short", randomBytes(16).toString("base64"), randomBytes(31).toString("hex"), "z".repeat(64)]) {
      let message = "";
      try {
        encryptSecret("x", bad);
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toMatch(/must be 32 bytes/);
      if (bad.length > 0) expect(message).not.toContain(bad);
    }
  });
});

describe("API keys", () => {
  it("generates prefixed base62 keys with a 12-character prefix and sha256 hash", () => {
    const ingest = generateApiKey("ingest");
    expect(ingest.key).toMatch(/^wp_ingest_[0-9A-Za-z]{32}$/);
    expect(ingest.prefix).toBe(ingest.key.slice(0, 12));
    expect(ingest.hash).toBe(hashApiKey(ingest.key));
    const partner = generateApiKey("partner");
    expect(partner.key).toMatch(/^wp_live_[0-9A-Za-z]{32}$/);
    expect(partner.prefix).toHaveLength(12);
    expect(generateApiKey("partner").key).not.toBe(partner.key);
  });

  it("hashes to lowercase sha256 hex", () => {
    expect(hashApiKey("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
