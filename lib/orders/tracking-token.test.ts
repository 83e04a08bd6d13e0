import { describe, expect, it } from "vitest";
import { trackingTokenIn } from "@/lib/orders/tracking-token";

describe("trackingTokenIn", () => {
  it("finds the token in a pasted link, whatever its last character", () => {
    for (const token of ["JCUFYIjYjR8EMb_odaRRUWe-", "abcdefghijklmnopqrstuvw_", "ABCDEFGHIJKLMNOPQRSTUVWX", "0123456789-_abcdefghijkl"]) {
      expect(trackingTokenIn(`https://track.example/t/${token}`)).toBe(token);
      expect(trackingTokenIn(`https://track.example/t/${token}/`)).toBe(token);
      expect(trackingTokenIn(`https://track.example/t/${token}?utm_source=sms`)).toBe(token);
      expect(trackingTokenIn(`  http://localhost:3000/t/${token}  `)).toBe(token);
    }
  });

  it("refuses what is not a whole token", () => {
    expect(trackingTokenIn("https://track.example/t/short")).toBeNull();
    expect(trackingTokenIn("https://track.example/t/JCUFYIjYjR8EMb_odaRRUWe-x")).toBeNull(); // 25 characters
    expect(trackingTokenIn("ORD-1042")).toBeNull();
  });
});
