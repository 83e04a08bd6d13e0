// lib/receiver owns the stand-in partner endpoint for dev, e2e and benches: modes, signature checks, control API.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { CONTROL_PREFIX, handleControl, readBody, sendJson } from "./control";
import { decide, describeAnswer, normalizePath, refuse, rememberAccepted, type ModeState, type ReceiverChecks, type ReceiverMode } from "./modes";

// A stand-in partner endpoint for development, e2e and benchmarks. Deliberately not
// `server-only`: it runs from a plain tsx script outside Next.js.

export type { ReceiverChecks, ReceiverMode } from "./modes";

export interface ReceivedWebhook {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  receivedAt: Date;
  /** null when no secret is configured, so "unchecked" is never mistaken for "valid". */
  signatureValid: boolean | null;
  webhookId: string | null;
  /** null while held (slow/timeout modes) or when the sender hung up first. */
  answeredStatus: number | null;
}

export interface ReceiverOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  secrets?: string[];
  /** Called once per webhook when its answer is decided (for logging). */
  onRequest?: (webhook: ReceivedWebhook) => void;
}

export interface Receiver {
  url: string;
  port: number;
  received: ReceivedWebhook[];
  /** `checks` make the path verify signatures and/or refuse replayed webhook-ids first. */
  setMode(mode: ReceiverMode, path?: string, checks?: ReceiverChecks): void;
  addSecret(secret: string): void;
  /** Forgets requests and modes; secrets stay. */
  reset(): void;
  close(): Promise<void>;
}

const MAX_RECORDS = 10_000; // a long dev session must not grow without bound

/** Every path with a mode of its own, then the default ("*"), with what each answers right now. */
function listModes(modes: Map<string, ModeState>, defaultMode: ModeState) {
  const now = Date.now();
  const entry = (path: string, state: ModeState) => ({ path, mode: state.mode, checks: state.checks ?? {}, answering: describeAnswer(state, now) });
  return [...[...modes].map(([path, state]) => entry(path, state)), entry("*", defaultMode)];
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  return out;
}

export async function startReceiver(options: ReceiverOptions = {}): Promise<Receiver> {
  const verifiers = new Map<string, Webhook>();
  const modes = new Map<string, ModeState>();
  const received: ReceivedWebhook[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let defaultMode: ModeState = { mode: { kind: "ok" }, served: 0 };

  const addSecret = (secret: string) => {
    // Constructing the verifier validates the secret (base64 after an optional whsec_).
    if (!verifiers.has(secret)) verifiers.set(secret, new Webhook(secret));
  };
  const setMode = (mode: ReceiverMode, path?: string, checks?: ReceiverChecks) => {
    const state: ModeState = { mode, served: 0, checks, since: Date.now() };
    if (path === undefined) defaultMode = state;
    else modes.set(normalizePath(path), state);
  };
  const reset = () => {
    received.length = 0; // in place: callers may hold the array
    modes.clear();
    defaultMode = { mode: { kind: "ok" }, served: 0 };
  };
  const checkSignature = (body: string, headers: Record<string, string>): boolean | null => {
    if (verifiers.size === 0) return null;
    // jsonParse: false so XML payloads verify too; only the signature matters here.
    return [...verifiers.values()].some((wh) => {
      try {
        wh.verify(body, headers, { jsonParse: false });
        return true;
      } catch {
        return false;
      }
    });
  };
  for (const secret of options.secrets ?? []) addSecret(secret);

  async function handleWebhook(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const body = await readBody(req);
    const headers = flattenHeaders(req);
    const record: ReceivedWebhook = {
      method: req.method ?? "GET", path, headers, body, receivedAt: new Date(),
      signatureValid: checkSignature(body, headers), webhookId: headers["webhook-id"] ?? null, answeredStatus: null,
    };
    // Recorded on arrival so a test can see a request whose answer is still held back.
    received.push(record);
    if (received.length > MAX_RECORDS) received.shift();
    const state = modes.get(path) ?? defaultMode;
    const refusal = refuse(state, record);
    if (refusal) {
      record.answeredStatus = refusal.status;
      sendJson(res, refusal.status, { error: refusal.error });
      return options.onRequest?.(record);
    }
    const decision = decide(state);
    if (decision.kind === "hang") return options.onRequest?.(record); // answered only by close()
    if (decision.delayMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => (timers.delete(timer), resolve()), decision.delayMs);
        timers.add(timer);
      });
    }
    if (!res.destroyed) {
      record.answeredStatus = decision.status;
      if (decision.status < 300) rememberAccepted(state, record.webhookId);
      sendJson(res, decision.status, decision.status < 300 ? { received: true } : { error: `receiver mode answered ${decision.status}` }, decision.headers);
    }
    options.onRequest?.(record);
  }

  const server = http.createServer((req, res) => {
    const path = normalizePath(new URL(req.url ?? "/", "http://receiver").pathname);
    const handled = path.startsWith(CONTROL_PREFIX)
      ? handleControl(req, res, path, { received, setMode, addSecret, reset, modes: () => listModes(modes, defaultMode) })
      : handleWebhook(req, res, path);
    handled.catch((err: Error) => {
      if (!res.headersSent) sendJson(res, 500, { error: err.message });
    });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // Node's default accept backlog (511) drops SYNs when a delivery engine opens its whole
    // lane (up to 1,000 sockets) at once; the dropped ones retry after a second.
    server.listen({ port: options.port ?? 0, host, backlog: 4096 }, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    received,
    setMode,
    addSecret,
    reset,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections(); // releases requests held by timeout/slow modes
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
