import { describe, expect, it } from "vitest";
import { maskPhone } from "@/lib/events/mask";

describe("maskPhone", () => {
  it.each([
    ["+919876543214", "+91 98xxx xx214"], // the SPEC example
    ["+91 98765 43214", "+91 98xxx xx214"],
    ["+91-98765-43214", "+91 98xxx xx214"],
    ["919876543214", "+91 98xxx xx214"], // Indian number without the +
    ["00919876543214", "+91 98xxx xx214"], // international 00 prefix
    ["09876543214", "98xxx xx214"], // domestic trunk 0
    ["9876543214", "98xxx xx214"],
    ["+14155552671", "+1 41xxx xx671"], // one-digit country code
    ["+447911123456", "+44 79xxx xx456"], // two-digit country code
    ["+971501234567", "+971 5xxxx x567"], // three-digit code, 9-digit national number
    ["+6591234567", "+65 9xxx x567"], // 8-digit national number
    ["123456", "1xx x56"],
    ["12345", "xxx45"],
    ["123", "xxx"],
  ])("%s -> %s", (input, expected) => {
    expect(maskPhone(input)).toBe(expected);
  });

  it.each([null, undefined, "", "   ", "no digits"])("%s -> null", (input) => {
    expect(maskPhone(input)).toBeNull();
  });

  it("never reveals more than the first 2 and last 3 national digits", () => {
    for (let length = 1; length <= 15; length++) {
      const national = "123456789012345".slice(0, length);
      const masked = maskPhone(national) ?? "";
      const visible = masked.replace(/\D/g, "");
      expect(visible.length).toBeLessThanOrEqual(5);
      // And at least half of a number is always hidden.
      expect(visible.length).toBeLessThanOrEqual(Math.floor(length / 2));
      expect(masked.replace(/ /g, "")).toHaveLength(length);
    }
  });
});
