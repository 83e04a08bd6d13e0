import "server-only";
import { counterSql } from "@/lib/db/sql";
import { DELIVERY_CHANNEL } from "@/lib/delivery/channel";
import { logger } from "@/lib/logger";

// Other processes' claim loops (a delivery worker beside the web process, more workers) hear about
// new work by NOTIFY, sent here after the work's own commit instead of inside its transaction.
// Why: a transaction with a pending NOTIFY takes one lock for the whole instance at pre-commit and
// holds it until its commit is flushed to the WAL, so with the NOTIFY in the ingest statement
// every ingest commit waited for the previous one's fsync, one at a time (no group commit), and a
// slow flush stalled all of them (docs/performance.md, item 5). This NOTIFY commits on the counter
// pool, whose commits do not wait for the flush, so it holds the lock for microseconds. A crash
// can lose one; the claim loops' poll finds the rows anyway (lib/jobs/claim-loop.ts).
// At most one is in flight per process: calls meanwhile fold into one more after it.
let state: "idle" | "sending" | "again" = "idle";
let lastErrorLoggedAt = 0;

/** Wakes the claim loops of every process listening on the delivery channel (deliveries and SMS). */
export function notifyOtherProcesses(): void {
  if (state !== "idle") {
    state = "again";
    return;
  }
  state = "sending";
  void sendUntilCaughtUp();
}

async function sendUntilCaughtUp() {
  for (;;) {
    try {
      await counterSql().query("SELECT pg_notify($1, '')", [DELIVERY_CHANNEL], "waypoint_notify");
    } catch (err) {
      if (Date.now() - lastErrorLoggedAt > 10_000) {
        lastErrorLoggedAt = Date.now();
        logger.warn({ err }, "could not NOTIFY the other processes; their poll will find the work");
      }
    }
    if (state !== "again") break;
    state = "sending";
  }
  state = "idle";
}
