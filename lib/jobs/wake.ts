import { EventEmitter } from "node:events";

// In-process wake-up for the embedded engine. LISTEN/NOTIFY wakes other processes; this one
// covers the same process, and PGlite, whose NOTIFY does not cross socket connections.
const globalForWake = globalThis as unknown as { waypointWake?: EventEmitter };
export const wakeEmitter = (globalForWake.waypointWake ??= new EventEmitter().setMaxListeners(50));

export const wakeEngine = () => wakeEmitter.emit("wake");
