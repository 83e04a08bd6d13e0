// The raw ceiling: plain keep-alive POSTs of a real webhook from the engine child to a receiver.
import type { ReceivedWebhook } from "@/lib/receiver/server";
import type { RawResult } from "../../lib/protocol";
import { receiver } from "../fixtures";
import { child, RAW_COUNT, RAW_WARMUP } from "../harness";
import { cpuMark, cpuSince } from "../measure";

export async function rawPhase(sample: ReceivedWebhook, concurrency: number) {
  const r = await receiver();
  const headers: Record<string, string> = { "user-agent": "Waypoint-Webhooks/1.0" };
  for (const h of ["content-type", "webhook-id", "webhook-timestamp", "webhook-signature"]) if (sample.headers[h]) headers[h] = sample.headers[h];
  const request = { url: `${r.rx.url}/raw`, concurrency, body: sample.body, headers };
  await child!.call({ cmd: "raw", request: { ...request, count: RAW_WARMUP } });
  const mark = await cpuMark();
  const result: RawResult = await child!.call({ cmd: "raw", request: { ...request, count: RAW_COUNT } });
  const cpu = await cpuSince(mark);
  await r.close();
  return { ...result, count: RAW_COUNT, concurrency, bodyBytes: Buffer.byteLength(sample.body), perSec: (result.ok * 1000) / result.ms, cpu };
}
