import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTwilioProvider, toE164 } from "@/lib/sms/providers/twilio";
import { SmsProviderError } from "@/lib/sms/providers/types";

// The real Twilio SDK and adapter, talking HTTP to a local stand-in for api.twilio.com: the
// SDK builds, authenticates and parses the real requests; only the host is swapped.

type Received = { path: string; auth: string | undefined; form: URLSearchParams };
const received: Received[] = [];
let answer: { status: number; body: unknown } = { status: 201, body: {} };
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      received.push({ path: req.url ?? "", auth: req.headers.authorization, form: new URLSearchParams(raw) });
      res.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

class LocalTwilio extends twilio.RequestClient {
  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return super.request<TData>({ ...opts, uri: opts.uri.replace(/^https:\/\/api\.twilio\.com/, baseUrl) });
  }
}

const provider = () => createTwilioProvider({ accountSid: "AC00000000000000000000000000000000", authToken: "test-token", from: "+15005550006", httpClient: new LocalTwilio() });

describe("Twilio adapter", () => {
  it("posts To/From/Body with the account's credentials and returns Twilio's message sid", async () => {
    answer = { status: 201, body: { sid: "SM0123456789abcdef0123456789abcdef", status: "queued", to: "+919812345678", body: "Hi" } };
    const sent = await provider().send({ id: "sms_1", to: "+919812345678", body: "Your OTP is 4821" });
    expect(sent).toEqual({ providerMessageId: "SM0123456789abcdef0123456789abcdef" });
    const request = received.at(-1)!;
    expect(request.path).toBe("/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages.json");
    expect(request.auth).toBe(`Basic ${Buffer.from("AC00000000000000000000000000000000:test-token").toString("base64")}`);
    expect(Object.fromEntries(request.form)).toEqual({ To: "+919812345678", From: "+15005550006", Body: "Your OTP is 4821" });
  });

  it("a 400 (invalid number) is a permanent failure: no point retrying", async () => {
    answer = { status: 400, body: { code: 21211, message: "The 'To' number 123 is not a valid phone number.", status: 400 } };
    const error = await provider().send({ id: "sms_2", to: "+91123", body: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmsProviderError);
    expect(error).toMatchObject({ permanent: true, message: expect.stringContaining("Twilio 400 (error 21211)") });
  });

  it("a 500 or 429 is temporary: the engine retries it", async () => {
    for (const status of [500, 429]) {
      answer = { status, body: { code: 20500, message: "Internal error", status } };
      const error = await provider().send({ id: "sms_3", to: "+919812345678", body: "x" }).catch((e: unknown) => e);
      expect(error).toMatchObject({ permanent: false, message: expect.stringContaining(`Twilio ${status}`) });
    }
  });
});

describe("toE164", () => {
  it("keeps international numbers and reads bare 10-digit numbers as Indian mobiles", () => {
    expect(toE164("+91 98123 45678")).toBe("+919812345678");
    expect(toE164("9812345678")).toBe("+919812345678");
    expect(toE164("09812345678")).toBe("+919812345678");
    expect(toE164("919812345678")).toBe("+919812345678");
  });
});
