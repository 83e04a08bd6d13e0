import { startReceiver, type ReceiverMode } from "@/lib/receiver/server";
import { serve } from "./ipc";

// The partners' side: one local receiver (lib/receiver) in a process of its own, every endpoint a
// path on it. It records each webhook's arrival (path, webhook-id, time) for the bench to take.
// Signatures are not verified here: that is the partner's CPU, not Waypoint's.

const arrivals: { path: string[]; id: string[]; at: number[] } = { path: [], id: [], at: [] };
const receiver = await startReceiver({
  port: Number(process.env.BENCH_RECEIVER_PORT ?? 0),
  onRequest: (webhook) => {
    if (!webhook.webhookId) return; // the raw ceiling's plain POSTs
    arrivals.path.push(webhook.path);
    arrivals.id.push(webhook.webhookId);
    arrivals.at.push(webhook.receivedAt.getTime());
    // The receiver keeps its last 10,000 requests for tests; the bench has its own record.
    if (receiver.received.length > 1000) receiver.received.length = 0;
  },
});

serve({
  url: () => receiver.url,
  mode: ({ path, mode }: { path?: string; mode: ReceiverMode }) => receiver.setMode(mode, path),
  /** Arrivals since the last take. */
  take: () => {
    const out = { path: arrivals.path, id: arrivals.id, at: arrivals.at };
    arrivals.path = [];
    arrivals.id = [];
    arrivals.at = [];
    return out;
  },
});
