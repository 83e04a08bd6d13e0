import { describe, expect, it } from "vitest";
import { maskSignature, previewHeaders } from "./preview-headers";

describe("signature preview", () => {
  it("shows the start of each signature only, both during a rotation", () => {
    expect(maskSignature("v1,K3b9x2Qa7LmNoPqRsTuVwXyZ012345678901234567=")).toBe("v1,K3b9x2Qa7L…");
    expect(maskSignature("v1,AAAAAAAAAAAAAAAA v1,BBBBBBBBBBBBBBBB")).toBe("v1,AAAAAAAAAA… v1,BBBBBBBBBB…");
  });

  it("leaves the other headers as they are sent", () => {
    const shown = previewHeaders({ "content-type": "application/json", "webhook-id": "evt_test_1", "webhook-timestamp": "1767225600", "webhook-signature": "v1,abcdefghijklmnop" });
    expect(shown).toEqual({ "content-type": "application/json", "webhook-id": "evt_test_1", "webhook-timestamp": "1767225600", "webhook-signature": "v1,abcdefghij…" });
  });
});
