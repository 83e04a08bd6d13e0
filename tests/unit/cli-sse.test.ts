import { describe, expect, it } from "vitest";
import { readSse } from "@/cli/src/sse";

const streamOf = (...chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(new TextEncoder().encode(c));
      controller.close();
    },
  });

async function all(stream: ReadableStream<Uint8Array>) {
  const out = [];
  for await (const m of readSse(stream)) out.push(m);
  return out;
}

describe("the CLI's server-sent events reader", () => {
  it("reads id, event and data, across chunk boundaries and CRLF, skipping comments and retry", async () => {
    const got = await all(streamOf("retry: 1000\n\n: ping\n\nid: evt_1\nevent: web", "hook\ndata: {\"a\":1}\r\n\r\nevent: end\ndata: x\ndata: y\n\n"));
    expect(got).toEqual([
      { event: "webhook", data: '{"a":1}', id: "evt_1" },
      { event: "end", data: "x\ny", id: undefined },
    ]);
  });

  it("drops a message the stream ended in the middle of (it is sent again after the reconnect)", async () => {
    expect(await all(streamOf("id: evt_1\nevent: webhook\ndata: {}\n\nid: evt_2\nevent: webhook\ndata: {"))).toEqual([{ event: "webhook", data: "{}", id: "evt_1" }]);
  });
});
