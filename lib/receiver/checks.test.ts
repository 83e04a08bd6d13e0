import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it } from "vitest";
import { startReceiver, type Receiver } from "./server";

// Per-path checks: the receiver can play a partner who verifies signatures, and one whose
// handler refuses a webhook-id it has already accepted (not idempotent).

const secret = `whsec_${Buffer.from("s".repeat(24)).toString("base64")}`;
const wrong = `whsec_${Buffer.from("w".repeat(24)).toString("base64")}`;
let receiver: Receiver;

afterEach(async () => {
  await receiver?.close();
});

function signed(key: string, id: string, body = "{}"): Record<string, string> {
  const now = new Date();
  return { "webhook-id": id, "webhook-timestamp": String(Math.floor(now.getTime() / 1000)), "webhook-signature": new Webhook(key).sign(id, now, body) };
}
const post = async (path: string, headers: Record<string, string> = {}) => (await fetch(`${receiver.url}${path}`, { method: "POST", body: "{}", headers })).status;

describe("receiver checks", () => {
  it("verify: 401 to a wrong or missing signature, the mode's answer to a valid one", async () => {
    receiver = await startReceiver({ secrets: [secret] });
    receiver.setMode({ kind: "ok" }, "/strict", { verify: true });
    expect(await post("/strict", signed(secret, "evt_1"))).toBe(200);
    expect(await post("/strict", signed(wrong, "evt_2"))).toBe(401);
    expect(await post("/strict")).toBe(401);
    expect(await post("/lenient", signed(wrong, "evt_3"))).toBe(200); // other paths unchanged
    expect(receiver.received.map((r) => r.answeredStatus)).toEqual([200, 401, 401, 200]);
  });

  it("verify refuses everything while no secret is known (it cannot verify)", async () => {
    receiver = await startReceiver();
    receiver.setMode({ kind: "ok" }, "/strict", { verify: true });
    expect(await post("/strict", signed(secret, "evt_1"))).toBe(401);
  });

  it("rejectReplays: 409 to a webhook-id already accepted on that path, never to a new one", async () => {
    receiver = await startReceiver();
    receiver.setMode({ kind: "fail-times", times: 1, status: 503 }, "/once", { rejectReplays: true });
    expect(await post("/once", { "webhook-id": "evt_a" })).toBe(503); // not accepted, so not remembered
    expect(await post("/once", { "webhook-id": "evt_a" })).toBe(200);
    expect(await post("/once", { "webhook-id": "evt_a" })).toBe(409);
    expect(await post("/once", { "webhook-id": "evt_b" })).toBe(200);
    expect(await post("/other", { "webhook-id": "evt_a" })).toBe(200);
    receiver.reset();
    receiver.setMode({ kind: "ok" }, "/once", { rejectReplays: true });
    expect(await post("/once", { "webhook-id": "evt_a" })).toBe(200); // reset forgets the ids
  });

  it("takes both checks through the control API", async () => {
    receiver = await startReceiver({ secrets: [secret] });
    const set = await fetch(`${receiver.url}/__receiver/mode`, { method: "POST", body: JSON.stringify({ path: "/proper", mode: { kind: "ok" }, verify: true, rejectReplays: true }) });
    expect(set.status).toBe(200);
    const bad = await fetch(`${receiver.url}/__receiver/mode`, { method: "POST", body: JSON.stringify({ mode: { kind: "ok" }, verify: "yes" }) });
    expect(bad.status).toBe(400);
    const headers = signed(secret, "evt_1");
    expect([await post("/proper", headers), await post("/proper", headers), await post("/proper", signed(wrong, "evt_2"))]).toEqual([200, 409, 401]);
  });
});
