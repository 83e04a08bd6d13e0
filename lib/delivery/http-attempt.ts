import "server-only";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { addressBlockReason, guardedLookup, isAllowedHost, normalizeHost } from "./url-guard";
import type { BrokerErrorClass } from "./destinations/types";

// One HTTP POST to a partner endpoint. Uses node:http directly (not fetch) because fetch
// cannot take a custom `lookup`, which is where the connect-time SSRF check lives.

export const EXCERPT_BYTES = 1024;

// Shared keep-alive pools: at 1,000 concurrent webhooks, TLS handshakes dominate otherwise.
// Per-origin socket cap at least the engine's per-endpoint limit (1,000): a request queued in the
// agent would spend its timeout waiting for a socket and fail without reaching the partner.
// Idle sockets are kept up to the same cap: after a burst to one partner, the next burst reuses
// them instead of paying (and making the partner pay) a thousand new TCP/TLS handshakes.
const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 1024, maxFreeSockets: 1024 });
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 1024, maxFreeSockets: 1024 });

export type AttemptErrorClass = "timeout" | "dns" | "connection_refused" | "tls" | "ssrf_blocked" | "redirect" | "http_error" | "network" | BrokerErrorClass;

export interface HttpAttemptResult {
  success: boolean;
  statusCode: number | null;
  latencyMs: number;
  errorClass: AttemptErrorClass | null;
  errorMessage: string | null;
  responseExcerpt: string | null;
  responseHeaders: Record<string, string>;
}

export interface HttpAttemptInput {
  url: string;
  body: string | Buffer;
  /** Caller sets content-type and the webhook-* signature headers. */
  headers: Record<string, string>;
  /** Budget for connect + response headers + excerpt. */
  timeoutMs: number;
  allowHosts?: readonly string[];
}

const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "EAI_NODATA", "EAI_NONAME"]);
const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

function classifyError(err: NodeJS.ErrnoException, url: URL): [AttemptErrorClass, string] {
  const code = err.code ?? "";
  const where = `${url.hostname}:${url.port || (url.protocol === "https:" ? 443 : 80)}`;
  if (code === "ESSRF") return ["ssrf_blocked", err.message];
  if (DNS_CODES.has(code)) return ["dns", `Could not resolve ${url.hostname} (${code})`];
  if (code === "ECONNREFUSED") return ["connection_refused", `Connection refused by ${where}; nothing is listening there`];
  if (code === "ETIMEDOUT") return ["timeout", `Connecting to ${where} timed out`];
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|EPROTO/.test(code)) return ["tls", `TLS handshake with ${where} failed: ${err.message}`];
  return ["network", `Network error talking to ${where}: ${code || err.message}`];
}

function flattenHeaders(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  return out;
}

function resolveLocation(location: string, base: URL): string {
  try {
    return new URL(location, base).toString();
  } catch {
    return location;
  }
}

function outcomeFor(res: IncomingMessage, url: URL): Pick<HttpAttemptResult, "success" | "errorClass" | "errorMessage"> {
  const status = res.statusCode ?? 0;
  if (status >= 200 && status < 300) return { success: true, errorClass: null, errorMessage: null };
  if (status >= 300 && status < 400) {
    const location = res.headers.location ? ` to ${resolveLocation(res.headers.location, url)}` : "";
    return { success: false, errorClass: "redirect", errorMessage: `Endpoint answered ${status} redirect${location}; redirects are not followed` };
  }
  const text = res.statusMessage || http.STATUS_CODES[status] || "";
  return { success: false, errorClass: "http_error", errorMessage: `Endpoint answered ${status}${text ? ` ${text}` : ""}` };
}

/** POSTs once and reports the outcome. Never throws: every failure becomes a result. */
export function sendHttpAttempt(input: HttpAttemptInput): Promise<HttpAttemptResult> {
  const started = process.hrtime.bigint();
  const elapsed = () => Math.round(Number(process.hrtime.bigint() - started) / 1e6);
  const fail = (errorClass: AttemptErrorClass, errorMessage: string): HttpAttemptResult => ({
    success: false, statusCode: null, latencyMs: elapsed(), errorClass, errorMessage, responseExcerpt: null, responseHeaders: {},
  });

  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    return Promise.resolve(fail("network", `Invalid endpoint URL: ${input.url}`));
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return Promise.resolve(fail("network", "Endpoint URL must use http or https"));
  const allowHosts = input.allowHosts ?? [];
  const host = normalizeHost(url.hostname);
  // Node never calls `lookup` for IP literals, so they are judged here instead.
  if (isIP(host) && !isAllowedHost(host, allowHosts)) {
    const why = addressBlockReason(host);
    if (why) return Promise.resolve(fail("ssrf_blocked", `${host} is ${why}; webhooks cannot target private networks`));
  }

  return new Promise((resolve) => {
    let settled = false;
    let response: IncomingMessage | null = null;
    let latencyMs = 0;
    const chunks: Buffer[] = [];
    let size = 0;

    const finish = (result: HttpAttemptResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const finishWithResponse = () => {
      if (!response) return;
      const excerpt = Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString("utf8");
      finish({ ...outcomeFor(response, url), statusCode: response.statusCode ?? null, latencyMs, responseExcerpt: excerpt, responseHeaders: flattenHeaders(response) });
    };

    const secure = url.protocol === "https:";
    let req: http.ClientRequest;
    try {
      req = (secure ? https : http).request(url, {
        method: "POST",
        agent: secure ? httpsAgent : httpAgent,
        lookup: guardedLookup(allowHosts),
        headers: { "user-agent": "Waypoint-Webhooks/1.0", ...input.headers, "content-length": String(Buffer.byteLength(input.body)) },
      });
    } catch (err) {
      // e.g. a header value with a newline: a bug on our side, but still not a crash.
      return resolve(fail("network", `Could not build the request: ${(err as Error).message}`));
    }

    // One budget for the whole exchange; a response that started in time keeps its status.
    const timer = setTimeout(() => {
      if (response) {
        finishWithResponse();
        response.destroy();
      } else {
        finish(fail("timeout", `No response within ${seconds(input.timeoutMs)}`));
      }
      req.destroy();
    }, input.timeoutMs);

    req.on("response", (res) => {
      response = res;
      latencyMs = elapsed();
      res.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        // Enough for the dashboard; dropping the socket beats downloading a huge error page.
        if (size >= EXCERPT_BYTES) {
          finishWithResponse();
          res.destroy();
        }
      });
      res.on("end", finishWithResponse);
      res.on("error", finishWithResponse);
    });
    req.on("error", (err: NodeJS.ErrnoException) => {
      if (response) return finishWithResponse();
      const [errorClass, message] = classifyError(err, url);
      finish(fail(errorClass, message));
    });
    req.end(input.body);
  });
}

const CLASS_HINTS: Partial<Record<AttemptErrorClass, string>> = {
  timeout: "Your endpoint did not answer in time. Reply with a 2xx as soon as the webhook is received and do slow work in the background.",
  tls: "Your server's TLS certificate could not be verified (expired, self-signed, or issued for another host name). Use a certificate from a public CA that covers this host.",
  dns: "The host name in this URL does not resolve. Check the spelling and that its DNS record exists.",
  connection_refused: "Nothing accepted the connection at this address and port. Check that your server is running and reachable from the internet.",
  ssrf_blocked: "This URL points to a private, loopback or cloud-metadata address, which Waypoint never calls. Use a public URL.",
  redirect: "Your endpoint answered with a redirect, and webhooks do not follow redirects. Register the final URL (often the https:// or trailing-slash form).",
  network: "The connection dropped before an answer arrived. This is usually temporary; failed deliveries are retried automatically.",
  // Broker destinations (lib/delivery/destinations/): the message says which broker and what.
  broker_auth: "Your broker refused these credentials or this user may not write there. Save the destination with working credentials, or grant the user write (publish) permission, then retry.",
  broker_not_found: "What this destination publishes to does not exist on your broker. Create it (durable), or fix the name in the endpoint's settings, then retry the dead-lettered deliveries.",
  broker_unroutable: "Your exchange accepted the message but no queue is bound for this routing key, so it would have been dropped. Bind a queue for it, or change the routing key.",
  broker_timeout: "Your broker did not acknowledge the message in time. It is sent again with the same message id: de-duplicate on it.",
  broker_error: "Your broker refused the message. The message above says why; failed deliveries are retried automatically.",
};
const UNAUTHORISED = "Your endpoint rejected the request as unauthorised. If you verify signatures, use this endpoint's current signing secret and verify the raw request body, not re-serialised JSON.";
const STATUS_HINTS: Record<number, string> = {
  401: UNAUTHORISED,
  403: UNAUTHORISED,
  404: "Your server has no route at this path. Check the URL path of the endpoint.",
  405: "Your endpoint does not accept POST requests at this path.",
  413: "Your server refused the payload as too large. Raise its request body limit.",
  429: "Your endpoint is rate-limiting Waypoint. Raise the limit for our requests; retries back off automatically.",
};

/** A plain-language next step for the dashboard, or null when nothing needs fixing. */
export function hintForAttempt(result: HttpAttemptResult): string | null {
  if (result.success) return null;
  const byClass = result.errorClass ? CLASS_HINTS[result.errorClass] : undefined;
  if (byClass) return byClass;
  const status = result.statusCode ?? 0;
  if (STATUS_HINTS[status]) return STATUS_HINTS[status];
  if (status >= 500) return "Your server failed while handling the webhook. Check its logs around this time; failed deliveries are retried automatically.";
  return "Your endpoint rejected the webhook. The response excerpt usually says why.";
}
