import { EventEmitter } from "node:events";
import { wakeEmitter } from "@/lib/jobs/wake";

// Listen streams poll for new events; these make them look at once instead. Best effort only
// (the poll is the guarantee): `waypoint trigger` in this process, and the delivery engine's
// in-process wake-up, which fires when ingest in this process created deliveries.
const globalForListen = globalThis as unknown as { waypointListenWake?: EventEmitter };
const listenEmitter = (globalForListen.waypointListenWake ??= new EventEmitter().setMaxListeners(0));

export const wakeListenStreams = () => listenEmitter.emit("wake");

/** Calls `fn` on every wake-up until the returned function is called. */
export function onListenWake(fn: () => void): () => void {
  listenEmitter.on("wake", fn);
  wakeEmitter.on("wake", fn);
  return () => {
    listenEmitter.off("wake", fn);
    wakeEmitter.off("wake", fn);
  };
}
