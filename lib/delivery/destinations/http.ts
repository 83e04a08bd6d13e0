import "server-only";
import { sendHttpAttempt } from "@/lib/delivery/http-attempt";
import type { DestinationDriver } from "@/lib/delivery/destinations/types";

// HTTP webhooks: one signed POST (http-attempt.ts, with its connect-time SSRF guard and shared
// keep-alive agents, which are this driver's connection pool).
export const httpDriver: DestinationDriver = {
  type: "http",
  send: (target, message, opts) => sendHttpAttempt({ url: target.url, body: message.body, headers: message.headers, timeoutMs: opts.timeoutMs, allowHosts: opts.allowHosts }),
  close: async () => {},
  closeAll: async () => {},
};
