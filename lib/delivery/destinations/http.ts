import "server-only";
import { sendSigned } from "@/lib/delivery/send-signed";
import type { DestinationDriver } from "@/lib/delivery/destinations/types";

// HTTP webhooks: one signed POST (send-signed.ts → http-attempt.ts, with its connect-time SSRF
// guard and shared keep-alive agents, which are this driver's connection pool).
export const httpDriver: DestinationDriver = {
  type: "http",
  // sendSigned: the one HTTP send (with WEBHOOK_ALLOW_HOSTS), as before destinations existed.
  send: (target, message, opts) => sendSigned({ url: target.url, body: message.body, headers: message.headers }, opts.timeoutMs),
  close: async () => {},
  closeAll: async () => {},
};
