// A mail catcher for development and tests: an SMTP server that keeps what it receives in
// memory, and a small HTTP API and page to read it. Never for production: no auth, no TLS.
// No "server-only" here: `npm run mailbox` runs it with plain tsx, outside Next.
import { randomUUID } from "node:crypto";
import http from "node:http";
import type net from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerSession } from "smtp-server";
import { extractLinks } from "@/lib/mail/links";
import { renderMailboxPage } from "@/lib/mail/mailbox-page";

export type CaughtMessage = { id: string; messageId: string | null; to: string[]; from: string; subject: string; date: string; text: string; html: string | null; links: string[] };

export type Mailbox = {
  smtpPort: number;
  httpPort: number;
  /** Newest first. */
  messages(): CaughtMessage[];
  clear(): void;
  stop(): Promise<void>;
};

const MAX_KEPT = 500;

/** Port 0 picks a free one (tests); the chosen ports are on the result. */
export async function startMailbox(opts: { smtpPort?: number; httpPort?: number; host?: string } = {}): Promise<Mailbox> {
  const host = opts.host ?? "127.0.0.1";
  let store: CaughtMessage[] = [];
  const keep = (m: CaughtMessage) => {
    store = [m, ...store].slice(0, MAX_KEPT);
  };
  const smtp = createSmtpServer(keep);
  const web = http.createServer((req, res) => handleHttp(req, res, () => store, () => (store = [])));
  const smtpPort = await listen(smtp.server, opts.smtpPort ?? 2525, host);
  const httpPort = await listen(web, opts.httpPort ?? 2580, host).catch(async (err) => {
    await new Promise<void>((r) => smtp.close(() => r()));
    throw err;
  });
  return {
    smtpPort,
    httpPort,
    messages: () => [...store],
    clear: () => void (store = []),
    stop: async () => {
      web.closeAllConnections();
      await Promise.all([new Promise<void>((r) => smtp.close(() => r())), new Promise<void>((r) => web.close(() => r()))]);
    },
  };
}

// Accepts any sender and recipient; the reply to DATA waits until the mail is parsed and
// stored, so once a client's send resolves the message is already listed.
function createSmtpServer(keep: (m: CaughtMessage) => void) {
  return new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    size: 10 * 1024 * 1024,
    logger: false,
    // Stopping (tests restart it) must not wait half a minute for an idle client.
    closeTimeout: 1000,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const html = typeof parsed.html === "string" ? parsed.html : null;
          const text = parsed.text ?? "";
          keep({
            id: randomUUID(),
            messageId: parsed.messageId ?? null,
            to: recipientsOf(session, parsed.to),
            from: parsed.from?.text ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : ""),
            subject: parsed.subject ?? "",
            date: (parsed.date ?? new Date()).toISOString(),
            text,
            html,
            links: extractLinks(text, html),
          });
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
}

// The envelope says who it was really sent to (Bcc included); the header is the fallback.
function recipientsOf(session: SMTPServerSession, header: Awaited<ReturnType<typeof simpleParser>>["to"]): string[] {
  const envelope = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
  if (envelope.length > 0) return envelope;
  const groups = Array.isArray(header) ? header : header ? [header] : [];
  return groups.flatMap((g) => g.value.map((a) => (a.address ?? "").toLowerCase())).filter(Boolean);
}

function handleHttp(req: http.IncomingMessage, res: http.ServerResponse, list: () => CaughtMessage[], clear: () => void) {
  const url = new URL(req.url ?? "/", "http://mailbox.local");
  const json = (status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
    res.end(JSON.stringify(body));
  };
  if (url.pathname === "/api/messages" && req.method === "GET") return json(200, list());
  if (url.pathname === "/api/messages" && req.method === "DELETE") {
    clear();
    res.writeHead(204).end();
    return;
  }
  if (url.pathname === "/api/messages/latest" && req.method === "GET") {
    const to = url.searchParams.get("to")?.toLowerCase();
    const found = list().find((m) => !to || m.to.includes(to));
    return found ? json(200, found) : json(404, { error: to ? `no message for ${to}` : "no messages" });
  }
  if (url.pathname === "/" && req.method === "GET") {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    res.end(renderMailboxPage(list()));
    return;
  }
  json(404, { error: "not found" });
}

/** Resolves with the bound port; rejects on EADDRINUSE and the like instead of crashing. */
function listen(server: net.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as net.AddressInfo).port);
    });
  });
}
