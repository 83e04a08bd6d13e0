import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { hasUnreadBody, readBodyBytes, readJsonBody, type BodyLimits } from "./body";

const LIMITS: BodyLimits = { maxBytes: 1024, timeoutMs: 200 };
const encoder = new TextEncoder();

/** A Request whose body arrives as these chunks, optionally with pauses (ms) between them. */
function streamed(parts: (string | Uint8Array | number)[], headers: Record<string, string> = { "content-type": "application/json" }) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      while (pulled < parts.length) {
        const part = parts[pulled++]!;
        if (typeof part === "number") {
          await new Promise((r) => setTimeout(r, part));
          continue;
        }
        controller.enqueue(typeof part === "string" ? encoder.encode(part) : part);
        return;
      }
      controller.close();
    },
  }, { highWaterMark: 0 }); // pulled only when read: pulledChunks() is what the reader asked for
  const request = new Request("http://localhost/api/v1/orders", { method: "POST", headers, body, duplex: "half" } as RequestInit);
  return { request, pulledChunks: () => parts.slice(0, pulled).filter((p) => typeof p !== "number").length };
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, code: error.code, message: error.message, details: error.details };
    throw error;
  }
  throw new Error("expected an AppError");
}

describe("readJsonBody", () => {
  it("parses a JSON body within the limit and marks it read", async () => {
    const { request } = streamed(['{"a":', '"b"}']);
    expect(await readJsonBody(request, LIMITS)).toEqual({ a: "b" });
    expect(hasUnreadBody(request)).toBe(false);
  });

  it("takes an empty or absent body as undefined", async () => {
    expect(await readJsonBody(new Request("http://localhost/x", { method: "POST" }), LIMITS)).toBeUndefined();
    expect(await readJsonBody(streamed([]).request, LIMITS)).toBeUndefined();
    const declaredEmpty = streamed(["{}"], { "content-type": "text/plain", "content-length": "0" });
    expect(await readJsonBody(declaredEmpty.request, LIMITS)).toBeUndefined();
    expect(declaredEmpty.pulledChunks()).toBe(0);
  });

  it("refuses a declared Content-Length over the limit with 413 naming the limit, reading nothing", async () => {
    const { request, pulledChunks } = streamed(["{}"], { "content-type": "application/json", "content-length": "1025" });
    expect(await failure(readJsonBody(request, LIMITS))).toEqual({
      status: 413,
      code: "payload_too_large",
      message: "Request body is larger than the 1 KiB (1024 bytes) this endpoint accepts.",
      details: { limit_bytes: 1024 },
    });
    expect(pulledChunks()).toBe(0);
    expect(hasUnreadBody(request)).toBe(true);
  });

  it("counts bytes whatever the Content-Length says, and stops at the first chunk past the limit", async () => {
    const big = "x".repeat(600);
    const { request, pulledChunks } = streamed([big, big, big, big, big], { "content-type": "application/json", "content-length": "10" });
    expect((await failure(readJsonBody(request, LIMITS))).status).toBe(413);
    expect(pulledChunks()).toBe(2); // 1,200 bytes seen: the other three chunks were never pulled
    expect(hasUnreadBody(request)).toBe(true);
  });

  it("counts a chunked body with no length the same way, in bytes not characters", async () => {
    const { request } = streamed(["é".repeat(400), "é".repeat(200)], { "content-type": "application/json", "transfer-encoding": "chunked" }); // 1,200 bytes
    expect((await failure(readJsonBody(request, LIMITS))).status).toBe(413);
  });

  it("accepts exactly the limit", async () => {
    const text = JSON.stringify({ pad: "p".repeat(1024 - 10) });
    expect(encoder.encode(text).byteLength).toBe(1024);
    expect(await readJsonBody(streamed([text.slice(0, 500), text.slice(500)]).request, LIMITS)).toEqual(JSON.parse(text));
  });

  it("gives up on a slow body after the deadline (408), whatever is still to come", async () => {
    const started = Date.now();
    const { request } = streamed(['{"a":', 1_000, '"b"}']);
    expect(await failure(readJsonBody(request, LIMITS))).toMatchObject({ status: 408, code: "request_timeout" });
    expect(Date.now() - started).toBeLessThan(LIMITS.timeoutMs + 300);
  });

  it("answers a sender that went away with 400, not a 500", async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('{"a":'));
        controller.error(new Error("aborted"));
      },
    });
    const request = new Request("http://localhost/x", { method: "POST", headers: { "content-type": "application/json" }, body, duplex: "half" } as RequestInit);
    expect(await failure(readJsonBody(request, LIMITS))).toMatchObject({ status: 400, code: "bad_request" });
  });

  it.each([
    ["text/plain", 415],
    ["application/x-www-form-urlencoded", 415],
    ["multipart/form-data; boundary=x", 415],
    ["application/json; charset=iso-8859-1", 415],
    ["application/json", 200],
    ["Application/JSON; charset=UTF-8", 200],
    ["application/merge-patch+json", 200],
  ])("Content-Type %s → %i, checked before any byte is read", async (type, expected) => {
    const { request, pulledChunks } = streamed(["{}"], { "content-type": type });
    if (expected === 200) {
      expect(await readJsonBody(request, LIMITS)).toEqual({});
    } else {
      const error = await failure(readJsonBody(request, LIMITS));
      expect(error).toMatchObject({ status: 415, code: "unsupported_media_type" });
      expect(error.message).toContain(type);
      expect(pulledChunks()).toBe(0);
    }
  });

  it("takes a body with no Content-Type as JSON (clients that forget the header keep working)", async () => {
    expect(await readJsonBody(streamed(['{"a":1}'], {}).request, LIMITS)).toEqual({ a: 1 });
  });

  it("refuses bodies that are not UTF-8 JSON with 400", async () => {
    expect(await failure(readJsonBody(streamed(["{not json"]).request, LIMITS))).toMatchObject({ status: 400, message: "Request body is not valid JSON." });
    expect(await failure(readJsonBody(streamed([new Uint8Array([0x7b, 0xff, 0x7d])]).request, LIMITS))).toMatchObject({ status: 400, message: "Request body is not valid UTF-8." });
  });
});

describe("readBodyBytes and hasUnreadBody", () => {
  it("returns the exact bytes", async () => {
    const bytes = await readBodyBytes(streamed([new Uint8Array([1, 2]), new Uint8Array([3])]).request, LIMITS);
    expect([...bytes]).toEqual([1, 2, 3]);
  });

  it("says a request has an unread body only when one was announced and not read to its end", () => {
    expect(hasUnreadBody(new Request("http://localhost/x"))).toBe(false);
    expect(hasUnreadBody(streamed(["{}"], { "content-length": "2" }).request)).toBe(true);
    expect(hasUnreadBody(streamed(["{}"], { "transfer-encoding": "chunked" }).request)).toBe(true);
    expect(hasUnreadBody(streamed([], { "content-length": "0" }).request)).toBe(false);
  });
});
