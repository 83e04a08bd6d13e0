import { describe, expect, it } from "vitest";
import { decide, describeAnswer, flakyPhase, type ModeState } from "./modes";
import { startReceiver } from "./server";

describe("flaky mode", () => {
  const mode = { kind: "flaky", upMs: 1000, downMs: 500, status: 503 } as const;

  it("answers 200 while up and the status while down, cycle after cycle from when it was set", () => {
    const state: ModeState = { mode, served: 0, since: 10_000 };
    const at = (ms: number) => decide(state, 10_000 + ms);
    expect([0, 999, 1000, 1499, 1500, 2499, 2500, 2999].map((ms) => (at(ms) as { status: number }).status)).toEqual([200, 200, 503, 503, 200, 200, 503, 503]);
  });

  it("says until when the current answer holds", () => {
    expect(flakyPhase(mode, 0, 200)).toEqual({ down: false, until: 1000 });
    expect(flakyPhase(mode, 0, 1200)).toEqual({ down: true, until: 1500 });
    expect(describeAnswer({ mode, served: 0, since: 0 }, 1600)).toEqual({ status: 200, until: new Date(2500).toISOString() });
  });

  it("lists each path's mode and answer over the control API", async () => {
    const receiver = await startReceiver();
    try {
      receiver.setMode({ kind: "status", status: 503 }, "/down");
      receiver.setMode({ kind: "fail-times", times: 1 }, "/flaky-once");
      const modes = (await (await fetch(`${receiver.url}/__receiver/modes`)).json()) as { path: string; answering: { status: number } }[];
      expect(modes.map((m) => [m.path, m.answering.status])).toEqual([["/down", 503], ["/flaky-once", 500], ["*", 200]]);
    } finally {
      await receiver.close();
    }
  });
});

describe("rate-limit mode", () => {
  const mode = { kind: "rate-limit", perSecond: 2, retryAfterS: 3 } as const;

  it("lets perSecond requests through in each one-second window and refuses the rest with 429 and Retry-After", () => {
    const state: ModeState = { mode, served: 0, since: 10_000 };
    const at = (ms: number) => decide(state, 10_000 + ms) as { status: number; headers?: Record<string, string> };
    expect([0, 10, 20, 999].map((ms) => at(ms).status)).toEqual([200, 200, 429, 429]);
    expect(at(999).headers).toEqual({ "retry-after": "3" });
    expect([1000, 1500, 1999, 2000].map((ms) => at(ms).status)).toEqual([200, 200, 429, 200]);
    expect(describeAnswer(state, 12_100)).toEqual({ status: 200 });
  });

  it("sends the Retry-After header over HTTP", async () => {
    const receiver = await startReceiver();
    try {
      receiver.setMode({ kind: "rate-limit", perSecond: 1, status: 503, retryAfterS: 7 }, "/limited");
      const post = () => fetch(`${receiver.url}/limited`, { method: "POST", body: "{}" });
      expect((await post()).status).toBe(200);
      const refused = await post();
      expect(refused.status).toBe(503);
      expect(refused.headers.get("retry-after")).toBe("7");
    } finally {
      await receiver.close();
    }
  });
});
