import "server-only";

// One broker connection per destination (endpoint), shared by every attempt to it in this
// process: a burst of 1,000 deliveries is 1,000 publishes on one connection, not 1,000 logins.
//
// - Single flight: attempts arriving while a connection is being opened wait for that one.
// - Reconnect with backoff: after a failed open, attempts fail at once with the same error until
//   the backoff (0.5 s doubling to 30 s) has passed, so a broker that is down or refuses the login
//   is not hammered by every queued delivery; those attempts are retried on the partner's schedule.
// - A lost connection (broker restart, network) is reopened by the next attempt.
// - A changed destination (URL, settings or credentials: the fingerprint) gets a new connection;
//   `close` drops one when its endpoint is disabled or deleted, and connections unused for
//   `idleMs` are closed, so a process that never heard of the change still lets go.

export type PoolHooks<C> = {
  /** Closes a connection; errors are ignored (it may already be gone). */
  close: (conn: C) => Promise<void>;
  idleMs?: number;
  backoffMs?: (failures: number) => number;
};

type Entry<C> = {
  fingerprint: string;
  conn: C | null;
  opening: Promise<C> | null;
  failures: number;
  retryAt: number;
  lastError: unknown;
  lastUsed: number;
};

const defaultBackoff = (failures: number) => Math.min(30_000, 500 * 2 ** Math.max(0, failures - 1));

export class ConnectionPool<C> {
  private readonly entries = new Map<string, Entry<C>>();
  private sweeper: NodeJS.Timeout | null = null;
  private readonly idleMs: number;
  private readonly backoff: (failures: number) => number;
  /** Connections opened by this pool so far (diagnostics and tests: reuse means this stays low). */
  opened = 0;

  constructor(private readonly hooks: PoolHooks<C>) {
    this.idleMs = hooks.idleMs ?? 120_000;
    this.backoff = hooks.backoffMs ?? defaultBackoff;
  }

  /** The open connection for `key`, opening one with `open` if needed. Throws the open's error. */
  async acquire(key: string, fingerprint: string, open: () => Promise<C>): Promise<C> {
    let entry = this.entries.get(key);
    if (entry && entry.fingerprint !== fingerprint) {
      this.entries.delete(key);
      this.dispose(entry);
      entry = undefined;
    }
    if (!entry) {
      entry = { fingerprint, conn: null, opening: null, failures: 0, retryAt: 0, lastError: null, lastUsed: Date.now() };
      this.entries.set(key, entry);
      this.startSweeper();
    }
    entry.lastUsed = Date.now();
    if (entry.conn) return entry.conn;
    if (entry.opening) return entry.opening;
    if (entry.failures > 0 && Date.now() < entry.retryAt) throw entry.lastError;

    const current = entry;
    current.opening = open().then(
      (conn) => {
        current.opening = null;
        if (this.entries.get(key) !== current) {
          // Closed or replaced while opening: this connection belongs to no one.
          void this.hooks.close(conn).catch(() => {});
          throw new Error("The destination changed while connecting; the next attempt uses the new settings");
        }
        current.conn = conn;
        this.opened++;
        current.failures = 0;
        current.lastError = null;
        return conn;
      },
      (err: unknown) => {
        current.opening = null;
        current.failures++;
        current.retryAt = Date.now() + this.backoff(current.failures);
        current.lastError = err;
        throw err;
      },
    );
    return current.opening;
  }

  /** The connection died (closed by the broker, network): the next attempt opens a new one. */
  lost(key: string, conn: C) {
    const entry = this.entries.get(key);
    if (entry?.conn === conn) entry.conn = null;
  }

  /** Closes and forgets `key`'s connection. */
  async close(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    await this.dispose(entry);
  }

  async closeAll(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    await Promise.all(all.map((e) => this.dispose(e)));
  }

  get size() {
    return this.entries.size;
  }

  /** Whether `key` has an open connection right now (tests, diagnostics). */
  isOpen(key: string) {
    return Boolean(this.entries.get(key)?.conn);
  }

  private async dispose(entry: Entry<C>) {
    const conn = entry.conn;
    entry.conn = null;
    if (conn) await this.hooks.close(conn).catch(() => {});
    // A connection still opening is closed by acquire's then() when it lands (no longer registered).
  }

  private startSweeper() {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => {
      const cutoff = Date.now() - this.idleMs;
      for (const [key, entry] of this.entries) {
        if (entry.lastUsed < cutoff && !entry.opening) {
          this.entries.delete(key);
          void this.dispose(entry);
        }
      }
      if (this.entries.size === 0 && this.sweeper) {
        clearInterval(this.sweeper);
        this.sweeper = null;
      }
    }, Math.min(30_000, this.idleMs));
    this.sweeper.unref();
  }
}
