// Which parts of the demo world `npm run dev` starts (lib/dev/world.ts). Development only: with
// NODE_ENV=production nothing starts, whatever the switches say. Each part has its own switch
// (DEMO=0 turns them all off). Pure: decided from the environment given.
import { DEFAULT_DEMO_RECEIVER_PORT } from "@/lib/dev/demo-endpoints";

export type DemoSwitches = {
  /** Why nothing starts, when nothing may. */
  refused: string | null;
  receiver: { port: number } | null;
  mailbox: { smtpPort: number; httpPort: number } | null;
  traffic: { intervalMs: number } | null;
};

const port = (value: string | undefined, fallback: number, name: string) => {
  const n = Number(value ?? fallback);
  if (!Number.isInteger(n) || n < 1 || n > 65_535) throw new Error(`${name} must be a port number (got "${value}")`);
  return n;
};
const off = (value: string | undefined) => value === "0" || value === "false";

export function demoSwitches(env: Record<string, string | undefined>): DemoSwitches {
  if (env.NODE_ENV === "production") return { refused: "NODE_ENV is production: the demo world is for development only", receiver: null, mailbox: null, traffic: null };
  if (off(env.DEMO)) return { refused: null, receiver: null, mailbox: null, traffic: null };
  const interval = Number(env.DEMO_TRAFFIC_INTERVAL_MS ?? 4_000);
  if (!Number.isInteger(interval) || interval < 250) throw new Error(`DEMO_TRAFFIC_INTERVAL_MS must be at least 250 (got "${env.DEMO_TRAFFIC_INTERVAL_MS}")`);
  return {
    refused: null,
    receiver: off(env.DEMO_RECEIVER) ? null : { port: port(env.DEMO_RECEIVER_PORT, DEFAULT_DEMO_RECEIVER_PORT, "DEMO_RECEIVER_PORT") },
    // A developer who set SMTP_URL has a mail server of their own: the catcher stays out of the way.
    mailbox: off(env.DEMO_MAILBOX) || env.SMTP_URL ? null : { smtpPort: port(env.MAILBOX_SMTP_PORT, 2525, "MAILBOX_SMTP_PORT"), httpPort: port(env.MAILBOX_HTTP_PORT, 2580, "MAILBOX_HTTP_PORT") },
    traffic: off(env.DEMO_TRAFFIC) ? null : { intervalMs: interval },
  };
}
