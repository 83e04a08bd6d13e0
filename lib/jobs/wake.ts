import { EventEmitter } from "node:events";

// In-process wake-up for the embedded claim loops (deliveries, SMS). LISTEN/NOTIFY wakes other
// processes; this covers the same process, and PGlite, whose NOTIFY does not cross socket
// connections. On globalThis: Next bundles instrumentation and routes apart, one emitter serves both.
const globalForWake = globalThis as unknown as { waypointWake?: EventEmitter };
export const wakeEmitter = (globalForWake.waypointWake ??= new EventEmitter().setMaxListeners(50));

/** Every claim loop in this process looks for due work now. */
export const wakeWorkers = () => wakeEmitter.emit("wake");
