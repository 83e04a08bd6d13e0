import type { CeilingResult } from "./client";
import { config } from "./config";
import { log, type World } from "./world";

// The machine's own limits, measured in the same run: a bare route handler in the same server
// (POST /api/v1/orders without a key: 401 before any database work, so what is left is Next's
// request handling and ours up to the auth check) and plain keep-alive POSTs to the receiver.

export type Ceilings = { bareRoute: CeilingResult; rawPost: CeilingResult; cpu: Awaited<ReturnType<World["cpuSince"]>> };

export async function measureCeilings(world: World): Promise<Ceilings> {
  const mark = await world.cpuMark();
  const common = { connections: config.ceilingConnections, seconds: config.ceilingSeconds };
  const bareRoute = await world.client.call<CeilingResult>("ceiling", { ...common, url: `http://127.0.0.1:${world.topology.port}/api/v1/orders`, headers: { "accept-encoding": config.omsAcceptEncoding }, body: "" });
  log(`bare route ceiling: ${Math.round(bareRoute.perSecond)} requests/s (${JSON.stringify(bareRoute.statuses)}), p50 ${bareRoute.p50.toFixed(1)} ms`);
  const body = JSON.stringify({ type: "order.confirmed", padding: "x".repeat(900) });
  const rawPost = await world.client.call<CeilingResult>("ceiling", { ...common, url: `${world.receiverUrl}/raw`, headers: { "content-type": "application/json" }, body });
  log(`raw POST ceiling to the receiver: ${Math.round(rawPost.perSecond)} requests/s, p50 ${rawPost.p50.toFixed(1)} ms`);
  return { bareRoute, rawPost, cpu: await world.cpuSince(mark) };
}
