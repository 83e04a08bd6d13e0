import type { IncomingMessage, ServerResponse } from "node:http";
import { modeRequestSchema, secretRequestSchema, type ReceiverChecks, type ReceiverMode } from "./modes";

// The receiver's control API, so e2e tests in another process (or a browser) can script
// the partner's behaviour and read what arrived without importing the receiver.

export const CONTROL_PREFIX = "/__receiver/";

export interface ControlTarget {
  received: unknown[];
  setMode(mode: ReceiverMode, path?: string, checks?: ReceiverChecks): void;
  addSecret(secret: string): void;
  reset(): void;
  /** Each path's mode and what it answers right now. */
  modes(): unknown[];
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(value));
}

/** GET requests · GET modes · POST mode {path?, mode, verify?, rejectReplays?} · POST secrets {secret} · POST reset */
export async function handleControl(req: IncomingMessage, res: ServerResponse, path: string, target: ControlTarget): Promise<void> {
  const action = `${req.method} ${path.slice(CONTROL_PREFIX.length)}`;
  if (action === "GET requests") return sendJson(res, 200, target.received);
  if (action === "GET modes") return sendJson(res, 200, target.modes());
  if (action === "POST reset") {
    target.reset();
    return sendJson(res, 200, { ok: true });
  }
  if (action !== "POST mode" && action !== "POST secrets") return sendJson(res, 404, { error: `unknown control route ${action}` });

  let json: unknown;
  try {
    json = JSON.parse(await readBody(req));
  } catch {
    return sendJson(res, 400, { error: "body must be JSON" });
  }
  if (action === "POST mode") {
    const parsed = modeRequestSchema.safeParse(json);
    if (!parsed.success) return sendJson(res, 400, { error: parsed.error.message });
    const { mode, path: modePath, verify, rejectReplays } = parsed.data;
    target.setMode(mode, modePath, { verify, rejectReplays });
    return sendJson(res, 200, { ok: true });
  }
  const parsed = secretRequestSchema.safeParse(json);
  if (!parsed.success) return sendJson(res, 400, { error: "expected { secret }" });
  try {
    target.addSecret(parsed.data.secret);
  } catch (err) {
    // The message is about the encoding, never the secret's value.
    return sendJson(res, 400, { error: `invalid secret: ${(err as Error).message}` });
  }
  sendJson(res, 200, { ok: true });
}
