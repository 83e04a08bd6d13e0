import net from "node:net";

// An HTTP/1.1 client on a bare socket, for requests fetch() will not send: a Content-Length that
// lies, a declared 50 MB of which only a little is sent, a body that trickles in. It reports the
// answer and how much of the body had been sent when the answer arrived.

export type RawAnswer = {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: unknown;
  /** Body bytes this client had handed to the socket when the answer's head arrived. */
  sentWhenAnswered: number;
  elapsedMs: number;
};

export type RawRequest = {
  method?: string;
  path: string;
  headers?: Record<string, string | number>;
  /** What is sent after the head, in this order; a number is a pause in ms. Strings and buffers are sent as is (add chunked framing yourself or use `chunk()`). */
  body?: (string | Buffer | number)[];
  /** Gives up waiting for an answer after this long. */
  timeoutMs?: number;
};

/** One chunk of a `Transfer-Encoding: chunked` body; `chunk("")` is the last one. */
export const chunk = (data: string | Buffer) => {
  const buf = Buffer.isBuffer(data) ? data : Buffer.from(data);
  return Buffer.concat([Buffer.from(`${buf.length.toString(16)}\r\n`), buf, Buffer.from("\r\n")]);
};

export function rawRequest(port: number, req: RawRequest): Promise<RawAnswer> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let received = Buffer.alloc(0);
    let sent = 0;
    let sentWhenAnswered = -1;
    let writing = true;
    const timer = setTimeout(() => finish(new Error(`no complete answer within ${req.timeoutMs ?? 30_000} ms`)), req.timeoutMs ?? 30_000);

    const finish = (error?: Error) => {
      clearTimeout(timer);
      writing = false;
      socket.destroy();
      if (error) return reject(error);
      const parsed = parse(received);
      if (!parsed) return reject(new Error(`incomplete answer: ${JSON.stringify(received.toString("latin1").slice(0, 300))}`));
      let json: unknown = null;
      try {
        json = parsed.text ? JSON.parse(parsed.text) : null;
      } catch {
        json = null;
      }
      resolve({ ...parsed, json, sentWhenAnswered, elapsedMs: Date.now() - started });
    };

    socket.on("data", (data) => {
      if (sentWhenAnswered < 0) sentWhenAnswered = sent;
      received = Buffer.concat([received, data]);
      if (parse(received)?.complete) finish();
    });
    // The server may close while we are still sending (that is the point of several tests):
    // a write error is expected then; the answer, if any, has been read.
    socket.on("error", () => undefined);
    socket.on("close", () => finish());

    socket.on("connect", async () => {
      const head = [`${req.method ?? "POST"} ${req.path} HTTP/1.1`, "Host: 127.0.0.1", ...Object.entries(req.headers ?? {}).map(([k, v]) => `${k}: ${v}`), "", ""].join("\r\n");
      socket.write(head);
      for (const part of req.body ?? []) {
        if (!writing || socket.destroyed) break;
        if (typeof part === "number") {
          await new Promise((r) => setTimeout(r, part));
          continue;
        }
        const buf = Buffer.isBuffer(part) ? part : Buffer.from(part);
        const ok = socket.write(buf);
        sent += buf.length;
        if (!ok) await new Promise((r) => (socket.once("drain", r), socket.once("close", r)));
      }
    });
  });
}

function parse(buf: Buffer): { status: number; headers: Record<string, string>; text: string; complete: boolean } | null {
  const end = buf.indexOf("\r\n\r\n");
  if (end < 0) return null;
  const [statusLine, ...lines] = buf.subarray(0, end).toString("latin1").split("\r\n");
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? "")?.[1]);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(":");
    headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  let rest = buf.subarray(end + 4);
  if (headers["content-length"] !== undefined) {
    const n = Number(headers["content-length"]);
    return { status, headers, text: rest.subarray(0, n).toString("utf8"), complete: rest.length >= n };
  }
  if (headers["transfer-encoding"] === "chunked") {
    const parts: Buffer[] = [];
    for (;;) {
      const lineEnd = rest.indexOf("\r\n");
      if (lineEnd < 0) return { status, headers, text: Buffer.concat(parts).toString("utf8"), complete: false };
      const size = parseInt(rest.subarray(0, lineEnd).toString("latin1"), 16);
      if (size === 0) return { status, headers, text: Buffer.concat(parts).toString("utf8"), complete: true };
      if (rest.length < lineEnd + 2 + size + 2) return { status, headers, text: Buffer.concat(parts).toString("utf8"), complete: false };
      parts.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
      rest = rest.subarray(lineEnd + 2 + size + 2);
    }
  }
  return { status, headers, text: rest.toString("utf8"), complete: false };
}
