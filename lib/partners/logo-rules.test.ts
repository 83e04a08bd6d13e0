import { describe, expect, it } from "vitest";
import { checkLogo, LOGO_MAX_BYTES, looksLikeSvg, sniffImageType } from "@/lib/partners/logo-rules";

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "latin1")] : p)));
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], "IHDR", [0, 0, 0, 1, 0, 0, 0, 1]);
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], "JFIF");
const WEBP = bytes("RIFF", [36, 0, 0, 0], "WEBPVP8 ", [0, 0, 0, 0]);

describe("logo rules", () => {
  it("recognises PNG, JPEG and WebP by their bytes", () => {
    expect([PNG, JPEG, WEBP].map(sniffImageType)).toEqual(["image/png", "image/jpeg", "image/webp"]);
    expect(checkLogo(PNG)).toEqual({ ok: true, contentType: "image/png" });
  });

  it("refuses other bytes, whatever the file claims to be: GIF, HTML, a PNG signature without its header, text", () => {
    for (const b of [bytes("GIF89a", [1, 0, 1, 0]), bytes("<html><script>alert(1)</script></html>"), PNG.subarray(0, 12), bytes("hello, world, not an image")]) {
      const check = checkLogo(b);
      expect(check.ok).toBe(false);
      if (!check.ok) expect(check.message).toMatch(/not a PNG, JPEG or WebP image/);
    }
  });

  it("refuses SVG, with or without an XML declaration, BOM or leading space, and says why", () => {
    for (const svg of ['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', '\uFEFF  <?xml version="1.0"?>\n<svg/>', "<!DOCTYPE svg><svg/>"]) {
      const b = new TextEncoder().encode(svg);
      expect(looksLikeSvg(b)).toBe(true);
      const check = checkLogo(b);
      expect(check.ok).toBe(false);
      if (!check.ok) expect(check.message).toMatch(/SVG logos are not accepted.*scripts/);
    }
    expect(looksLikeSvg(PNG)).toBe(false);
  });

  it("refuses an empty file and one over 200 KB, naming the sizes", () => {
    expect(checkLogo(new Uint8Array())).toMatchObject({ ok: false, message: expect.stringMatching(/empty/) });
    const big = new Uint8Array(LOGO_MAX_BYTES + 1);
    big.set(PNG);
    expect(checkLogo(big)).toMatchObject({ ok: false, message: expect.stringMatching(/201 KB; the limit is 200 KB/) });
    const atLimit = new Uint8Array(LOGO_MAX_BYTES);
    atLimit.set(PNG);
    expect(checkLogo(atLimit)).toEqual({ ok: true, contentType: "image/png" });
  });
});
