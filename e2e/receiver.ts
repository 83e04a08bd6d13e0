import http from "node:http";
import type { ReceivedWebhook } from "../lib/receiver/server";
import type { ReceiverChecks, ReceiverMode } from "../lib/receiver/modes";
import { RECEIVER_URL } from "./support";

// The one client of the local receiver's control API (lib/receiver/control.ts) for the specs, the
// fresh-deployment set-up and bench/onboarding.ts: the partner's behaviour per path, the secrets it
// verifies with, and what arrived. One connection per call: a pooled keep-alive socket the
// receiver has already closed would fail the next call. Anything but 200 is thrown.

/** A webhook as the control API lists it (JSON: receivedAt is a string). */
export type Received = Omit<ReceivedWebhook, "receivedAt"> & { receivedAt: string };

function call(baseUrl: string, method: "GET" | "POST", route: string, body?: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${baseUrl}/__receiver/${route}`, { method, agent: false, headers: { "content-type": "application/json" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => (res.statusCode === 200 ? resolve(JSON.parse(Buffer.concat(chunks).toString("utf8"))) : reject(new Error(`receiver ${route}: ${res.statusCode}`))));
    });
    req.on("error", reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

export function receiverClient(baseUrl: string = RECEIVER_URL) {
  return {
    /** Forgets what arrived, the modes and the secrets. */
    reset: () => call(baseUrl, "POST", "reset", {}),
    /** How `path` answers from now on; `checks` make it verify signatures and/or refuse replays first. */
    mode: (path: string, mode: ReceiverMode, checks: ReceiverChecks = {}) => call(baseUrl, "POST", "mode", { path, mode, ...checks }),
    /** A signing secret (whsec_…) the receiver verifies with, beside the ones it has. */
    trust: (secret: string) => call(baseUrl, "POST", "secrets", { secret }),
    /** What arrived, oldest first; only `path`'s when given. */
    requests: async (path?: string) => ((await call(baseUrl, "GET", "requests")) as Received[]).filter((r) => path === undefined || r.path === path),
  };
}

/** The receiver playwright.config.ts starts (RECEIVER_PORT). */
export const receiver = receiverClient();
