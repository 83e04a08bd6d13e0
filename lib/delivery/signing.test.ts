import { describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { generateEndpointSecret, signPayload } from "./signing";

const body = JSON.stringify({ schema_version: "v2", event: "delivered", order_id: "ord_1" });

describe("generateEndpointSecret", () => {
  it("returns whsec_ + base64 of 24 bytes", () => {
    const secret = generateEndpointSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(secret.slice(6), "base64")).toHaveLength(24);
    expect(generateEndpointSecret()).not.toBe(secret);
  });
});

describe("signPayload", () => {
  const oldSecret = generateEndpointSecret();
  const newSecret = generateEndpointSecret();

  it("produces headers a stock verifier accepts", () => {
    const headers = signPayload({ secrets: [newSecret], msgId: "evt_1", timestamp: new Date(), body });
    expect(headers["webhook-id"]).toBe("evt_1");
    expect(headers["webhook-timestamp"]).toMatch(/^\d{10}$/);
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    expect(new Webhook(newSecret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it("signs with every secret during rotation so either one alone verifies", () => {
    const headers = signPayload({ secrets: [oldSecret, newSecret], msgId: "evt_2", timestamp: new Date(), body });
    expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(() => new Webhook(oldSecret).verify(body, { ...headers })).not.toThrow();
    expect(() => new Webhook(newSecret).verify(body, { ...headers })).not.toThrow();
    expect(() => new Webhook(generateEndpointSecret()).verify(body, { ...headers })).toThrow(/No matching signature/);
  });

  it("fails verification when body, id or timestamp are tampered with", () => {
    const now = new Date();
    const headers = signPayload({ secrets: [newSecret], msgId: "evt_3", timestamp: now, body });
    const wh = new Webhook(newSecret);
    expect(() => wh.verify(body.replace("ord_1", "ord_2"), { ...headers })).toThrow();
    expect(() => wh.verify(body, { ...headers, "webhook-id": "evt_4" })).toThrow();
    const shifted = String(Number(headers["webhook-timestamp"]) - 1);
    expect(() => wh.verify(body, { ...headers, "webhook-timestamp": shifted })).toThrow();
  });

  it("is deterministic for the same input and de-duplicates secrets", () => {
    const input = { secrets: [newSecret, newSecret], msgId: "evt_5", timestamp: new Date(0), body };
    expect(signPayload(input)).toEqual(signPayload({ ...input, secrets: [newSecret] }));
    expect(signPayload(input)["webhook-timestamp"]).toBe("0");
  });

  it("rejects missing or non-whsec secrets and bad ids", () => {
    expect(() => signPayload({ secrets: [], msgId: "a", timestamp: new Date(), body })).toThrow(/at least one/);
    expect(() => signPayload({ secrets: ["v1:abc"], msgId: "a", timestamp: new Date(), body })).toThrow(/whsec_/);
    expect(() => signPayload({ secrets: [newSecret], msgId: "a b", timestamp: new Date(), body })).toThrow(/msgId/);
  });

  it("gives the reference library's signature byte for byte (strings, Buffers, any characters)", () => {
    const bodies = [body, "", "ünïcødé ✓ 🚚 \u0000 <xml attr='1'/>", Buffer.from(JSON.stringify({ a: "ß".repeat(5000) }))];
    for (const b of bodies) {
      for (const secret of [oldSecret, newSecret, generateEndpointSecret()]) {
        const timestamp = new Date(1_700_000_000_123);
        expect(signPayload({ secrets: [secret], msgId: "evt_ref", timestamp, body: b })["webhook-signature"]).toBe(new Webhook(secret).sign("evt_ref", timestamp, b));
      }
    }
  });
});
