import http, { type RequestListener } from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startReceiver } from "@/lib/receiver/server";
import { hintForAttempt, sendHttpAttempt, type HttpAttemptResult } from "./http-attempt";
import { generateEndpointSecret, signPayload } from "./signing";

// Throwaway self-signed pair (CN=localhost, 127.0.0.1), used only to prove that TLS is verified.
const TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgmCvPTYfudrvm3pTO
JePAlVrd7fr1f8hO0oeItzzci5ChRANCAAS2nDZgjDZh78cI15q/vTGgxcgMC7+x
3vdgJlPHcY7K8UBgSrknpy6kTCoD8mLqgjg8fDycKvYyZihLEHM5NE6I
-----END PRIVATE KEY-----`;
const TEST_CERT = `-----BEGIN CERTIFICATE-----
MIIBnDCCAUGgAwIBAgIURRYoImRctYjfau36VgrtgpXBhcUwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyMjIzNTgyOFoYDzIxMjYxMDI5
MjM1ODI4WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAAS2nDZgjDZh78cI15q/vTGgxcgMC7+x3vdgJlPHcY7K8UBgSrknpy6k
TCoD8mLqgjg8fDycKvYyZihLEHM5NE6Io28wbTAdBgNVHQ4EFgQUFplpXcWNlteM
DeKQb4b4U/i+xWkwHwYDVR0jBBgwFoAUFplpXcWNlteMDeKQb4b4U/i+xWkwDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARhwR/AAABgglsb2NhbGhvc3QwCgYIKoZI
zj0EAwIDSQAwRgIhAJpZW8/oz3msEfsGDAhOPPya4JMboAGOgXrzmfq67ZnDAiEA
3vWXeWgW0eQcn0z48Cb8kPlWUdtE0RNxZsmY96K0a2s=
-----END CERTIFICATE-----`;

const servers: http.Server[] = [];

async function serve(handler: RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const send = (url: string, extra: Partial<Parameters<typeof sendHttpAttempt>[0]> = {}) =>
  sendHttpAttempt({ url, body: '{"a":1}', headers: { "content-type": "application/json" }, timeoutMs: 2000, allowHosts: ["127.0.0.1"], ...extra });

describe("sendHttpAttempt", () => {
  it("reports a 2xx as success with the body, headers and latency", async () => {
    let seen: { method?: string; body: string; type?: string; length?: string } = { body: "" };
    const base = await serve((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        seen = { method: req.method, body, type: req.headers["content-type"], length: req.headers["content-length"] };
        res.writeHead(200, { "x-request-id": "abc" }).end("thanks");
      });
    });
    const result = await send(`${base}/hook`);
    expect(result).toMatchObject({ success: true, statusCode: 200, errorClass: null, errorMessage: null, responseExcerpt: "thanks" });
    expect(result.responseHeaders["x-request-id"]).toBe("abc");
    expect(Number.isInteger(result.latencyMs)).toBe(true);
    expect(seen).toEqual({ method: "POST", body: '{"a":1}', type: "application/json", length: "7" });
  });

  it("reports a 500 as http_error and caps the excerpt at 1024 bytes", async () => {
    const base = await serve((_req, res) => res.writeHead(500).end("x".repeat(200_000)));
    const result = await send(base);
    expect(result).toMatchObject({ success: false, statusCode: 500, errorClass: "http_error", errorMessage: "Endpoint answered 500 Internal Server Error" });
    expect(result.responseExcerpt).toHaveLength(1024);
    expect(hintForAttempt(result)).toMatch(/Your server failed/);
  });

  it("times out a slow server within the budget", async () => {
    const base = await serve((_req, res) => void setTimeout(() => res.end("late"), 2000));
    const started = Date.now();
    const result = await send(base, { timeoutMs: 300 });
    expect(result).toMatchObject({ success: false, statusCode: null, errorClass: "timeout", errorMessage: "No response within 0.3 s" });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(result.latencyMs).toBeGreaterThanOrEqual(290);
  });

  it("verifies TLS certificates (a self-signed one is refused)", async () => {
    const server = https.createServer({ key: TEST_KEY, cert: TEST_CERT }, (_req, res) => res.end("ok"));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const result = await send(`https://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    expect(result).toMatchObject({ success: false, statusCode: null, errorClass: "tls" });
    expect(hintForAttempt(result)).toMatch(/certificate/);
  });

  it("does not follow redirects", async () => {
    const base = await serve((_req, res) => res.writeHead(302, { location: "/elsewhere" }).end());
    const result = await send(`${base}/hook`);
    expect(result).toMatchObject({ success: false, statusCode: 302, errorClass: "redirect" });
    expect(result.errorMessage).toBe(`Endpoint answered 302 redirect to ${base}/elsewhere; redirects are not followed`);
  });

  it("reports a closed port as connection_refused", async () => {
    const base = await serve(() => {});
    const server = servers.pop()!;
    await new Promise((resolve) => server.close(resolve));
    const result = await send(base);
    expect(result).toMatchObject({ success: false, statusCode: null, errorClass: "connection_refused" });
    expect(hintForAttempt(result)).toMatch(/Nothing accepted the connection/);
  });

  it("blocks private IP literals and private hostnames unless allow-listed", async () => {
    let hits = 0;
    const base = await serve((_req, res) => void (hits++, res.end("ok")));
    const literal = await send(base, { allowHosts: [] });
    expect(literal).toMatchObject({ success: false, errorClass: "ssrf_blocked", errorMessage: expect.stringMatching(/127\.0\.0\.1 is a loopback address/) });
    const byName = await send(base.replace("127.0.0.1", "localhost"), { allowHosts: [] });
    expect(byName).toMatchObject({ success: false, errorClass: "ssrf_blocked", errorMessage: expect.stringMatching(/localhost resolves to/) });
    expect(hits).toBe(0);
    expect((await send(base.replace("127.0.0.1", "localhost"), { allowHosts: ["localhost"] })).success).toBe(true);
  });

  it("never throws on a malformed URL or header", async () => {
    expect(await send("not a url")).toMatchObject({ success: false, errorClass: "network" });
    expect(await send("http://127.0.0.1:1/", { headers: { bad: "a\nb" } })).toMatchObject({ success: false, errorClass: "network" });
  });

  it("reuses keep-alive connections across attempts", async () => {
    const ports = new Set<number>();
    const base = await serve((req, res) => {
      ports.add(req.socket.remotePort ?? 0);
      res.end("ok");
    });
    for (let i = 0; i < 3; i++) expect((await send(base)).success).toBe(true);
    expect(ports.size).toBe(1);
  });
});

describe("sendHttpAttempt against the dev receiver", () => {
  it("delivers a body signed with two rotation secrets that the receiver verifies with either", async () => {
    const [oldSecret, newSecret] = [generateEndpointSecret(), generateEndpointSecret()];
    const receiver = await startReceiver({ secrets: [newSecret] });
    try {
      receiver.setMode({ kind: "timeout" }, "/stuck");
      const body = JSON.stringify({ event: "delivered", event_id: "evt_9" });
      const headers = { "content-type": "application/json", ...signPayload({ secrets: [oldSecret, newSecret], msgId: "evt_9", timestamp: new Date(), body }) };
      const ok = await sendHttpAttempt({ url: `${receiver.url}/hooks`, body, headers, timeoutMs: 2000, allowHosts: ["127.0.0.1"] });
      expect(ok).toMatchObject({ success: true, statusCode: 200 });
      const stuck = await sendHttpAttempt({ url: `${receiver.url}/stuck`, body, headers, timeoutMs: 300, allowHosts: ["127.0.0.1"] });
      expect(stuck.errorClass).toBe("timeout");
      expect(receiver.received.map((r) => [r.path, r.signatureValid, r.webhookId])).toEqual([
        ["/hooks", true, "evt_9"],
        ["/stuck", true, "evt_9"],
      ]);
    } finally {
      await receiver.close();
    }
  });
});

describe("hintForAttempt", () => {
  const base: HttpAttemptResult = { success: false, statusCode: null, latencyMs: 1, errorClass: null, errorMessage: null, responseExcerpt: null, responseHeaders: {} };
  it.each([
    [{ success: true, statusCode: 200 }, null],
    [{ errorClass: "timeout" }, /did not answer in time/],
    [{ errorClass: "tls" }, /certificate/],
    [{ errorClass: "dns" }, /does not resolve/],
    [{ errorClass: "ssrf_blocked" }, /private, loopback/],
    [{ errorClass: "redirect", statusCode: 301 }, /redirect/],
    [{ errorClass: "http_error", statusCode: 401 }, /signing secret/],
    [{ errorClass: "http_error", statusCode: 403 }, /signing secret/],
    [{ errorClass: "http_error", statusCode: 404 }, /no route at this path/],
    [{ errorClass: "http_error", statusCode: 503 }, /Your server failed/],
    [{ errorClass: "http_error", statusCode: 422 }, /response excerpt/],
  ] as const)("%o", (patch, expected) => {
    const hint = hintForAttempt({ ...base, ...patch });
    if (expected === null) expect(hint).toBeNull();
    else expect(hint).toMatch(expected);
  });
});
