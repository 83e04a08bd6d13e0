// `waypoint listen` limits, stated once: the server enforces them, the CLI, the docs and the
// dashboard quote them. Browser-safe.

/** Live listen sessions a partner may have at once; a fourth is refused with the three listed. */
export const MAX_LISTEN_SESSIONS = 3;
/** A session with no sign of use for this long (no event sent, no result reported, no connect) ends. */
export const LISTEN_IDLE_MS = 10 * 60_000;
/** How far back a reconnect resumes; unacknowledged events older than this are reported as skipped. */
export const LISTEN_RESUME_WINDOW_MS = 15 * 60_000;
/** At most this many events are replayed after a reconnect; older ones are reported as skipped. */
export const LISTEN_RESUME_MAX_EVENTS = 1_000;
/** `waypoint trigger` sends per partner per minute. */
export const LISTEN_TRIGGERS_PER_MINUTE = 20;
/** Results the CLI reports in one request. */
export const LISTEN_MAX_ATTEMPTS_PER_REPORT = 100;

export const LISTEN_SESSION_PREFIX = "lsn_";
