import "server-only";
import { AppError } from "@/lib/errors";

// The one way a route reads a request body. Callers authenticate first, so an anonymous request
// never has its body read; then the cheap checks run before any byte is read (Content-Type,
// the declared Content-Length), and the body is streamed with a byte count and a deadline, so
// neither a large body, a lying or missing Content-Length, nor a slow sender can hold more
// than `maxBytes` of memory or the request for longer than `timeoutMs`.

export type BodyLimits = { maxBytes: number; timeoutMs: number };

/**
 * Ingest and partner API bodies. The largest real ones are an order, an out_for_delivery event
 * with a long address/notes (a few KB) and an endpoint with its settings (under 2 KB): 64 KiB is
 * more than ten times any of them.
 */
export const API_BODY_LIMITS: BodyLimits = { maxBytes: 64 * 1024, timeoutMs: 10_000 };

// Requests whose body was read to its end. Any other request that announced a body may still
// have bytes on the wire: its answer closes the connection (see route.ts), so the server
// neither reads them nor parses them as the next request.
const fullyRead = new WeakSet<Request>();

/** True when the request announced a body (Content-Length > 0 or chunked) that was not read to its end. */
export function hasUnreadBody(request: Request): boolean {
  if (fullyRead.has(request) || request.body === null) return false;
  const length = request.headers.get("content-length");
  return request.headers.has("transfer-encoding") || (length !== null && length.trim() !== "0");
}

/** Accepts application/json and any application/*+json, in UTF-8. A missing Content-Type is taken as JSON. */
function checkJsonContentType(request: Request) {
  const header = request.headers.get("content-type");
  if (header === null) return;
  const [type = "", ...params] = header.split(";").map((p) => p.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith("charset="))?.slice("charset=".length).replace(/"/g, "");
  const json = type === "application/json" || /^application\/[\w.+-]+\+json$/.test(type);
  if (!json || (charset !== undefined && charset !== "utf-8" && charset !== "utf8")) {
    throw new AppError("unsupported_media_type", `Content-Type must be application/json (UTF-8); this request sent "${header}".`, {
      expected: "application/json",
    });
  }
}

const tooLarge = (limits: BodyLimits) =>
  new AppError("payload_too_large", `Request body is larger than the ${formatBytes(limits.maxBytes)} (${limits.maxBytes} bytes) this endpoint accepts.`, {
    limit_bytes: limits.maxBytes,
  });

export function formatBytes(bytes: number) {
  return bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}

/**
 * Reads the body as bytes: refuses a declared length over the limit before reading, counts
 * what arrives and stops at the first byte past the limit (413), and gives up after
 * `timeoutMs` (408). The rest of an unread body is left on the wire, never pulled in.
 */
export async function readBodyBytes(request: Request, limits: BodyLimits): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limits.maxBytes) throw tooLarge(limits);
  if (request.body === null) {
    fullyRead.add(request);
    return new Uint8Array(0);
  }
  if (request.bodyUsed) throw new Error("readBodyBytes: the request body was already read");

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new AppError("request_timeout", `Request body did not arrive within ${limits.timeoutMs / 1000} s. Send the whole body at once.`)),
      limits.timeoutMs,
    );
  });
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read().catch(connectionLost), deadline]);
      if (done) break;
      received += value.byteLength;
      if (received > limits.maxBytes) throw tooLarge(limits);
      chunks.push(value);
    }
  } finally {
    clearTimeout(timer);
    // Not cancel(): on Node that destroys the socket and the 413/408 would never reach the
    // client. The unread rest stays paused on the wire; the answer closes the connection.
    reader.releaseLock();
  }
  fullyRead.add(request);
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

// The sender went away mid-body: nobody will read the answer, but it is the client's doing, not a 5xx.
const connectionLost = (): never => {
  throw new AppError("bad_request", "The request body could not be read to its end: the connection closed before it was complete.");
};

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * A JSON body within the limits: 415 for a declared non-JSON Content-Type, 413 over the size
 * limit, 408 when it does not arrive in time, 400 when it is not UTF-8 JSON. An empty body is
 * `undefined` (for routes where the body is optional).
 */
export async function readJsonBody(request: Request, limits: BodyLimits = API_BODY_LIMITS): Promise<unknown> {
  if (!hasAnnouncedBody(request)) {
    fullyRead.add(request);
    return undefined;
  }
  checkJsonContentType(request);
  const bytes = await readBodyBytes(request, limits);
  if (bytes.byteLength === 0) return undefined;
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new AppError("bad_request", "Request body is not valid UTF-8.");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "Request body is not valid JSON.");
  }
}

/** What `discardSmallBody` reads: an order or an event is well under a KiB. */
export const RETRY_LATER_BODY_LIMITS: BodyLimits = { maxBytes: 16 * 1024, timeoutMs: 1000 };

/**
 * For an answer that asks the sender to come back (429, 503): reads and drops a small body, so the
 * answer keeps the connection open. Closing it would make every retry open a new TCP connection,
 * and under overload a storm of new connections overflows the listen backlog (bench:http saw
 * answers take 30 s: dropped SYNs are resent after 1, 3, 7, 15 s). A larger or slow body is left
 * unread, and the answer closes the connection as for any other refused request.
 */
export async function discardSmallBody(request: Request, limits: BodyLimits = RETRY_LATER_BODY_LIMITS): Promise<void> {
  try {
    if (!request.bodyUsed) await readBodyBytes(request, limits);
  } catch {
    // left unread: route() closes the connection
  }
}

/** A body is there when the request has a stream and does not say it is empty. */
function hasAnnouncedBody(request: Request) {
  if (request.body === null) return false;
  const length = request.headers.get("content-length");
  return !(length !== null && length.trim() === "0");
}
