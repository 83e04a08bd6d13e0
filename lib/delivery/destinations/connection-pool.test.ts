import { describe, expect, it, vi } from "vitest";
import { ConnectionPool } from "./connection-pool";

type Conn = { id: number; closed: boolean };

function pool(opts: { backoffMs?: (n: number) => number; idleMs?: number } = {}) {
  const closed: Conn[] = [];
  const p = new ConnectionPool<Conn>({ close: async (c) => void closed.push(Object.assign(c, { closed: true })), ...opts });
  return { p, closed };
}

describe("ConnectionPool", () => {
  it("opens once for concurrent attempts and reuses the connection", async () => {
    const { p } = pool();
    let opens = 0;
    const open = () => new Promise<Conn>((r) => setTimeout(() => r({ id: ++opens, closed: false }), 10));
    const conns = await Promise.all(Array.from({ length: 20 }, () => p.acquire("ep", "f1", open)));
    expect(new Set(conns.map((c) => c.id))).toEqual(new Set([1]));
    expect(await p.acquire("ep", "f1", open)).toBe(conns[0]);
    expect(p.opened).toBe(1);
  });

  it("fails fast with the same error during the backoff, then tries again", async () => {
    vi.useFakeTimers();
    try {
      const { p } = pool({ backoffMs: () => 1000 });
      const refused = Object.assign(new Error("refused"), { code: "ECONNREFUSED" });
      const open = vi.fn(async (): Promise<Conn> => {
        throw refused;
      });
      await expect(p.acquire("ep", "f1", open)).rejects.toBe(refused);
      await expect(p.acquire("ep", "f1", open)).rejects.toBe(refused);
      expect(open).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(1001);
      await expect(p.acquire("ep", "f1", open)).rejects.toBe(refused);
      expect(open).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("replaces the connection when the destination changes, and reconnects after a loss", async () => {
    const { p, closed } = pool({ backoffMs: () => 60_000 });
    let n = 0;
    const open = async () => ({ id: ++n, closed: false });
    const first = await p.acquire("ep", "f1", open);
    // New credentials: a new fingerprint opens at once, whatever the backoff, and the old one is closed.
    const second = await p.acquire("ep", "f2", open);
    expect(second.id).toBe(2);
    expect(closed).toEqual([first]);
    p.lost("ep", second);
    expect(p.isOpen("ep")).toBe(false);
    expect((await p.acquire("ep", "f2", open)).id).toBe(3);
    await p.close("ep");
    expect(p.size).toBe(0);
  });

  it("closes connections left idle", async () => {
    vi.useFakeTimers();
    try {
      const { p, closed } = pool({ idleMs: 1000 });
      await p.acquire("ep", "f1", async () => ({ id: 1, closed: false }));
      await vi.advanceTimersByTimeAsync(2500);
      expect(closed.map((c) => c.id)).toEqual([1]);
      expect(p.size).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
