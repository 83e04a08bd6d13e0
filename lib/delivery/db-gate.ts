import "server-only";

// Attempts are mostly waiting on partners' HTTP; their database work is short but must never
// queue for longer than Prisma waits for a pooled connection (a crash there after the send
// would mean a duplicate webhook). So: many attempts in flight, few in the database at once.
export const DB_SLOTS = Number(process.env.DELIVERY_DB_SLOTS ?? 12);

let active = 0;
const waiting: (() => void)[] = [];

export async function withDbSlot<T>(work: () => Promise<T>): Promise<T> {
  if (active >= DB_SLOTS) await new Promise<void>((resolve) => waiting.push(resolve));
  else active++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next(); // hand the slot over directly
    else active--;
  }
}
