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
