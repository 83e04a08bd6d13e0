import "server-only";
import { envVar } from "@/lib/env-schema";

// Attempts made one by one (Inngest functions, manual bulk retries) mostly wait on partners'
// HTTP; their database work is short but must never queue for longer than the pool waits for
// a connection (a crash there after the send would mean a duplicate webhook). So: many
// attempts in flight, few in the database at once.
export const DB_SLOTS = envVar("DELIVERY_DB_SLOTS");

let active = 0;
// Waiters per endpoint, served round-robin: when a slow endpoint's thousand answers come back
// at once, a fast endpoint's next write waits for one turn, not for all thousand.
const queues = new Map<string, (() => void)[]>();

export async function withDbSlot<T>(work: () => Promise<T>, key = ""): Promise<T> {
  if (active >= DB_SLOTS) await new Promise<void>((resolve) => enqueue(key, resolve));
  else active++;
  try {
    return await work();
  } finally {
    const next = dequeue();
    if (next) next(); // hand the slot over directly
    else active--;
  }
}

function enqueue(key: string, resolve: () => void) {
  const queue = queues.get(key);
  if (queue) queue.push(resolve);
  else queues.set(key, [resolve]);
}

function dequeue(): (() => void) | undefined {
  const first = queues.entries().next();
  if (first.done) return undefined;
  const [key, queue] = first.value;
  const next = queue.shift();
  // Move this key to the back (Map keeps insertion order): the next turn goes to another key.
  queues.delete(key);
  if (queue.length) queues.set(key, queue);
  return next;
}
