import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { generateEndpointSecret, signPayload } from "@/lib/delivery/signing";
import { renderBody } from "@/lib/events/render";
import { samplePayload } from "@/lib/events/sample";
import { curlSnippetParts, nodeVerifySnippet } from "./verify-snippets";

const payload = samplePayload("out_for_delivery", { test: true });
const json = renderBody(payload, { format: "json", schemaVersion: "v2" }).body;
const xml = renderBody(payload, { format: "xml", schemaVersion: "v2" }).body;

describe("How to verify: the Node snippet's calls", () => {
  it("verify(rawBody, headers) accepts a Waypoint JSON delivery and returns the payload", () => {
    const secret = generateEndpointSecret();
    const headers = signPayload({ secrets: [secret], msgId: payload.event_id, timestamp: new Date(), body: json });
    expect(new Webhook(secret).verify(Buffer.from(json), { ...headers })).toMatchObject({ event: "out_for_delivery", test: true });
    expect(nodeVerifySnippet({ url: "https://a.example/hooks", format: "json" })).toContain("wh.verify(req.body, req.headers)");
  });

  it("an XML body needs { jsonParse: false }, which is why the XML snippet says so", () => {
    const secret = generateEndpointSecret();
    const headers = signPayload({ secrets: [secret], msgId: payload.event_id, timestamp: new Date(), body: xml });
    expect(() => new Webhook(secret).verify(xml, { ...headers })).toThrow(SyntaxError);
    expect(new Webhook(secret).verify(xml, { ...headers }, { jsonParse: false })).toBeUndefined();
    expect(nodeVerifySnippet({ url: "https://a.example/hooks", format: "xml" })).toContain("{ jsonParse: false }");
  });

  it("routes the endpoint's own path", () => {
    expect(nodeVerifySnippet({ url: "https://a.example/wh/waypoint?x=1", format: "json" })).toContain('app.post("/wh/waypoint"');
  });
});

describe("How to verify: the v2 ordering rule", () => {
  /** Runs the Node snippet itself, with a stand-in for express, and returns the events it applied. */
  function runSnippet(secret: string, format: "json" | "xml", deliveries: { sequence: number; orderId: string }[]) {
    const code = nodeVerifySnippet({ url: "https://a.example/hooks", format, schemaVersion: "v2" }).replace(/^import .*$/gm, "");
    let handler: ((req: unknown, res: unknown) => void) | undefined;
    const express = Object.assign(() => ({ post: (_path: string, _raw: unknown, h: typeof handler) => (handler = h), listen: () => undefined }), { raw: () => undefined });
    const applied: unknown[][] = [];
    const logger = { log: (...args: unknown[]) => applied.push(args) };
    new Function("express", "Webhook", "process", "console", code)(express, Webhook, { env: { WAYPOINT_WEBHOOK_SECRET: secret } }, logger);
    const answers: number[] = [];
    for (const d of deliveries) {
      const sent = { ...payload, order_id: d.orderId, sequence: d.sequence, event_id: `evt_${d.orderId}_${d.sequence}` };
      const body = renderBody(sent, { format, schemaVersion: "v2" }).body;
      const headers = signPayload({ secrets: [secret], msgId: sent.event_id, timestamp: new Date(), body });
      const res = { status: (code: number) => (answers.push(code), res), send: () => res, sendStatus: (code: number) => answers.push(code) };
      handler!({ body: Buffer.from(body), headers: { ...headers } }, res);
    }
    return { applied: applied.map(([, orderId, sequence]) => `${String(orderId)}#${String(sequence)}`), answers };
  }

  it("applies each order's events in sequence and drops an older one that arrives after a newer one, answering 2xx to all", () => {
    const secret = generateEndpointSecret();
    const { applied, answers } = runSnippet(secret, "json", [
      { orderId: "ord_a", sequence: 1 },
      { orderId: "ord_a", sequence: 3 },
      { orderId: "ord_b", sequence: 1 },
      { orderId: "ord_a", sequence: 2 }, // a retry that arrives after #3: dropped
      { orderId: "ord_a", sequence: 3 }, // the same event again: dropped
      { orderId: "ord_a", sequence: 4 },
    ]);
    expect(applied).toEqual(["ord_a#1", "ord_a#3", "ord_b#1", "ord_a#4"]);
    expect(answers).toEqual([204, 204, 204, 204, 204, 204]); // dropped events are still acknowledged, or they would be retried
  });

  it("says how to do the same for XML, and leaves it out for v1, which has no sequence", () => {
    expect(nodeVerifySnippet({ url: "https://a.example/hooks", format: "xml", schemaVersion: "v2" })).toMatch(/<sequence type="number">/);
    for (const format of ["json", "xml"] as const) expect(nodeVerifySnippet({ url: "https://a.example/hooks", format, schemaVersion: "v1" })).not.toContain("sequence");
  });
});

describe("How to verify: the curl recipe", () => {
  it("computes, in a shell with openssl, a signature the reference verifier accepts", () => {
    const secret = generateEndpointSecret();
    for (const [format, body] of [["json", json], ["xml", xml]] as const) {
      const { sign } = curlSnippetParts({ url: "https://a.example/hooks", format, body });
      const script = [...sign.map((l) => l.replace("SECRET='whsec_…'", `SECRET='${secret}'`)), 'printf "%s\\n%s\\n%s" "$ID" "$TS" "v1,$SIG"'].join("\n");
      const [id, ts, signature] = execFileSync("bash", ["-c", script], { encoding: "utf8" }).split("\n");
      const headers = { "webhook-id": id!, "webhook-timestamp": ts!, "webhook-signature": signature! };
      expect(() => new Webhook(secret).verify(body, headers, { jsonParse: false })).not.toThrow();
    }
  });
});
