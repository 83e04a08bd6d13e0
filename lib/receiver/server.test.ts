import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it } from "vitest";
import { startReceiver, type Receiver } from "./server";

const secretA = `whsec_${Buffer.from("a".repeat(24)).toString("base64")}`;
const secretB = `whsec_${Buffer.from("b".repeat(24)).toString("base64")}`;
let receiver: Receiver;

afterEach(async () => {
  await receiver?.close();
});

function signed(secret: string, body: string, id = "evt_1"): Record<string, string> {
  const now = new Date();
  return {
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(id, now, body),
  };
}

const post = (url: string, body: string, headers: Record<string, string> = {}, signal?: AbortSignal) =>
  fetch(url, { method: "POST", body, headers, signal });

describe("startReceiver", () => {
  it("records requests and checks signatures against any configured secret", async () => {
    receiver = await startReceiver({ secrets: [secretA] });
    const body = '{"event":"delivered"}';
    expect((await post(`${receiver.url}/hooks`, body, signed(secretA, body))).status).toBe(200);
    await post(`${receiver.url}/hooks`, body, signed(secretB, body, "evt_2"));
    receiver.addSecret(secretB);
    await post(`${receiver.url}/hooks`, body, signed(secretB, body, "evt_3"));
    expect(receiver.received.map((r) => [r.path, r.webhookId, r.signatureValid, r.answeredStatus])).toEqual([
      ["/hooks", "evt_1", true, 200],
      ["/hooks", "evt_2", false, 200],
      ["/hooks", "evt_3", true, 200],
    ]);
    expect(receiver.received[0]).toMatchObject({ method: "POST", body, headers: { "content-type": "application/json" } });
    expect(receiver.received[0]?.receivedAt).toBeInstanceOf(Date);
  });

  it("verifies non-JSON bodies and reports null when no secret is known", async () => {
    receiver = await startReceiver();
    await post(receiver.url, "<a/>", signed(secretA, "<a/>"));
    expect(receiver.received[0]?.signatureValid).toBeNull();
    receiver.addSecret(secretA);
    await post(receiver.url, "<a/>", signed(secretA, "<a/>"));
    expect(receiver.received[1]?.signatureValid).toBe(true);
  });

  it("supports status, fail-times and per-path modes", async () => {
    receiver = await startReceiver();
    receiver.setMode({ kind: "status", status: 503 });
    receiver.setMode({ kind: "fail-times", times: 2, status: 502 }, "flaky");
    expect((await post(`${receiver.url}/any`, "{}")).status).toBe(503);
    const flaky = [];
    for (let i = 0; i < 3; i++) flaky.push((await post(`${receiver.url}/flaky`, "{}")).status);
    expect(flaky).toEqual([502, 502, 200]);
    receiver.setMode({ kind: "ok" });
    expect((await post(`${receiver.url}/any`, "{}")).status).toBe(200);
  });

  it("serves a slow path and a fast path side by side, and holds timeout requests until close", async () => {
    receiver = await startReceiver();
    receiver.setMode({ kind: "slow", ms: 300 }, "/slow");
    receiver.setMode({ kind: "timeout" }, "/hang");
    const started = Date.now();
    const slow = post(`${receiver.url}/slow`, "{}").then(() => Date.now() - started);
    const fast = await post(`${receiver.url}/fast`, "{}").then(() => Date.now() - started);
    expect(fast).toBeLessThan(250);
    expect(await slow).toBeGreaterThanOrEqual(290);
    const hung = await post(`${receiver.url}/hang`, "{}", {}, AbortSignal.timeout(200)).catch((err: Error) => err.name);
    expect(hung).toBe("TimeoutError");
    expect(receiver.received.find((r) => r.path === "/hang")?.answeredStatus).toBeNull();
  });

  it("exposes a control API for out-of-process callers", async () => {
    receiver = await startReceiver();
    const control = (path: string, body?: unknown) =>
      fetch(`${receiver.url}/__receiver/${path}`, body === undefined ? {} : { method: "POST", body: JSON.stringify(body) });
    expect((await control("mode", { path: "/down", mode: { kind: "status", status: 500 } })).status).toBe(200);
    expect((await control("mode", { mode: { kind: "nope" } })).status).toBe(400);
    expect((await control("secrets", { secret: secretA })).status).toBe(200);
    expect((await control("secrets", { secret: "whsec_!!" })).status).toBe(400);
    expect((await post(`${receiver.url}/down`, "{}", signed(secretA, "{}"))).status).toBe(500);
    const list = (await (await control("requests")).json()) as Array<Record<string, unknown>>;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ path: "/down", signatureValid: true, answeredStatus: 500, webhookId: "evt_1" });
    expect(typeof list[0]?.receivedAt).toBe("string");
    expect((await control("reset", {})).status).toBe(200);
    expect(receiver.received).toHaveLength(0);
    expect((await post(`${receiver.url}/down`, "{}")).status).toBe(200); // modes reset too
  });
});
