/** Reads until `ok` holds or `ms` pass, then returns the last reading (the caller's expect says what was wrong). */
export async function eventually<T>(read: () => T | Promise<T>, ok: (v: T) => boolean, ms = 8_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}
