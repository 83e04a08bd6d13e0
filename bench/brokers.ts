// Broker destinations benchmark: `npm run bench:brokers`. Not a test; prints a report and writes
// bench/results/brokers.json. For each destination type (HTTP to a local receiver, RabbitMQ and
// NATS JetStream on this machine) it measures, in the same run:
//   ceiling — the plain client publishing as fast as it can: keep-alive POSTs (the HTTP driver's
//             own sender), amqplib on a confirm channel with persistent messages, JetStream
//             publishes with a message id; the same bodies and headers, nothing from the database.
//   engine  — the embedded delivery engine draining a backlog of due deliveries to one endpoint of
//             that type: claim, render, sign, publish/POST, acknowledgement, recorded in Postgres.
// Everything runs in this process on the machine's 2 cores (the brokers and Postgres beside it),
// so the figures compare destination types with each other, not with a production box.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { startBench } from "./lib/start-bench";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 3_000);
const CEILING_MESSAGES = Number(process.env.BENCH_CEILING ?? 5_000);
const WINDOW = 500; // publishes in flight for the ceilings (the engine has up to 1,000 per endpoint)

const { log, database, dropDatabase } = await startBench("waypoint_bench_brokers", { WEBHOOK_ALLOW_HOSTS: "127.0.0.1", WEBHOOK_REQUIRE_HTTPS: "0" });

const amqp = (await import("amqplib")).default;
const { connect: natsConnect, headers: natsHeaders, nanos } = await import("nats");
const { db } = await import("@/lib/db/client");
const { closeSqlPool, sql } = await import("@/lib/db/sql");
const { createOrder } = await import("@/lib/orders/create-order");
const { createEndpoint } = await import("@/lib/endpoints/create-endpoint");
const { createPartner } = await import("@/prisma/factories");
const { EmbeddedEngine } = await import("@/lib/delivery/engine/embedded");
const { closeAllDestinations } = await import("@/lib/delivery/destinations/registry");
const { sendHttpAttempt } = await import("@/lib/delivery/http-attempt");
const { startReceiver } = await import("@/lib/receiver/server");
const { buildSignedRequest } = await import("@/lib/delivery/send-signed");
const { samplePayload } = await import("@/lib/events/sample");
const { generateEndpointSecret } = await import("@/lib/delivery/signing");
const { fmtNum, fmtPct, table } = await import("./lib/stats");

const RUN = Date.now().toString(36);
const actor = { id: null, email: "bench" };
const sample = buildSignedRequest({ url: "", payload: samplePayload("delivered", { now: new Date() }), format: "json", schemaVersion: "v2", secrets: [generateEndpointSecret()] });

/** `total` operations with at most `window` in flight; returns operations per second. */
async function pipelined(total: number, window: number, op: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: window }, async () => {
      while (next < total) await op(next++);
    }),
  );
  return total / (Number(process.hrtime.bigint() - t0) / 1e9);
}

const receiver = await startReceiver();
const rabbit = await amqp.connect("amqp://guest:guest@127.0.0.1:5672");
const admin = await rabbit.createChannel();
const exchange = `wp-bench-${RUN}`;
await admin.assertExchange(exchange, "topic", { durable: true });
const queue = (await admin.assertQueue(`${exchange}.q`, { durable: true })).queue;
await admin.bindQueue(queue, exchange, "#");
const nc = await natsConnect({ servers: "127.0.0.1:4222" });
const jsm = await nc.jetstreamManager();
const stream = `WPBENCH_${RUN.toUpperCase()}`;
await jsm.streams.add({ name: stream, subjects: [`wpbench${RUN}.>`], duplicate_window: nanos(120_000) });

type Row = { destination: string; ceilingPerSecond: number; enginePerSecond: number };
const results: Row[] = [];

async function ceiling(kind: "http" | "rabbitmq" | "nats"): Promise<number> {
  const { "content-type": contentType, ...signature } = sample.headers;
  if (kind === "http") {
    const url = `${receiver.url}/ceiling`;
    return pipelined(CEILING_MESSAGES, 64, () => sendHttpAttempt({ url, body: sample.body, headers: sample.headers, timeoutMs: 10_000, allowHosts: ["127.0.0.1"] }));
  }
  if (kind === "rabbitmq") {
    const ch = await rabbit.createConfirmChannel();
    const rate = await pipelined(CEILING_MESSAGES, WINDOW, (i) =>
      new Promise<void>((resolve, reject) =>
        ch.publish(exchange, "ceiling", Buffer.from(sample.body), { persistent: true, mandatory: true, messageId: `c${i}`, contentType, headers: signature }, (err: unknown) => (err ? reject(err) : resolve())),
      ),
    );
    await ch.close();
    return rate;
  }
  const js = nc.jetstream();
  const encoded = new TextEncoder().encode(sample.body);
  return pipelined(CEILING_MESSAGES, WINDOW, (i) => {
    const h = natsHeaders();
    for (const [k, v] of Object.entries(sample.headers)) h.set(k, v);
    return js.publish(`wpbench${RUN}.ceiling`, encoded, { msgID: `c${RUN}${i}`, headers: h });
  });
}

async function engineDrain(kind: "http" | "rabbitmq" | "nats"): Promise<number> {
  const partner = await createPartner({ name: `Bench ${kind} ${RUN}` });
  const common = { description: "", eventTypes: ["order_confirmed" as const], format: "json" as const, schemaVersion: "v2" as const, rateLimitPerSecond: null };
  if (kind === "http") await createEndpoint(partner.id, { ...common, url: `${receiver.url}/engine` }, actor);
  if (kind === "rabbitmq") await createEndpoint(partner.id, { ...common, url: "amqp://guest:guest@127.0.0.1:5672", destinationType: "rabbitmq", destination: { exchange, routingKey: "engine.{event_type}" } }, actor);
  if (kind === "nats") await createEndpoint(partner.id, { ...common, url: "nats://127.0.0.1:4222", destinationType: "nats", destination: { subject: `wpbench${RUN}.{event_type}` } }, actor);
  // The backlog: EVENTS orders, each one due delivery, written while no engine runs.
  for (let i = 0; i < EVENTS; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, EVENTS - i) }, (_, j) =>
        createOrder(sql(), { partnerId: partner.id }, { merchant_order_ref: `B-${kind}-${i + j}`, customer_id: "c", customer_name: "Rohan", customer_phone: "+919812345678" } as never),
      ),
    );
  }
  const due = await db.delivery.count({ where: { partnerId: partner.id, status: "pending" } });
  if (due !== EVENTS) throw new Error(`expected ${EVENTS} due deliveries, found ${due}`);
  const engine = new EmbeddedEngine({ connectionString: database.url, pollMs: 50 });
  const t0 = process.hrtime.bigint();
  await engine.start();
  for (;;) {
    const left = await db.delivery.count({ where: { partnerId: partner.id, status: { not: "delivered" } } });
    if (left === 0) break;
    if (Number(process.hrtime.bigint() - t0) / 1e9 > 120) throw new Error(`${kind}: ${left} deliveries not delivered after 120 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  await engine.stop();
  return EVENTS / seconds;
}

try {
  for (const kind of ["http", "rabbitmq", "nats"] as const) {
    const ceilingPerSecond = await ceiling(kind);
    log(`${kind}: ceiling ${fmtNum(ceilingPerSecond)}/s`);
    const enginePerSecond = await engineDrain(kind);
    log(`${kind}: engine ${fmtNum(enginePerSecond)}/s`);
    results.push({ destination: kind, ceilingPerSecond, enginePerSecond });
  }
  const labels = { http: "HTTP (local receiver)", rabbitmq: "RabbitMQ (confirms, persistent)", nats: "NATS JetStream (PubAck, msg id)" };
  console.log(`\nBroker destinations: ${EVENTS} due deliveries drained by the embedded engine vs the plain client's ceiling (${CEILING_MESSAGES} messages, ${WINDOW} in flight; HTTP 64)\n`);
  console.log(table(["destination", "client ceiling", "engine drain", "engine / ceiling"], results.map((r) => [labels[r.destination as keyof typeof labels], `${fmtNum(r.ceilingPerSecond)}/s`, `${fmtNum(r.enginePerSecond)}/s`, fmtPct(r.enginePerSecond / r.ceilingPerSecond)])));
  const file = path.join(process.cwd(), "bench", "results", "brokers.json");
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify({ at: new Date().toISOString(), events: EVENTS, ceilingMessages: CEILING_MESSAGES, results }, null, 2)}\n`);
} finally {
  await closeAllDestinations();
  await admin.deleteExchange(exchange).catch(() => {});
  await admin.deleteQueue(queue).catch(() => {});
  await rabbit.close().catch(() => {});
  await jsm.streams.delete(stream).catch(() => {});
  await nc.close();
  await receiver.close();
  await db.$disconnect();
  await closeSqlPool();
  await dropDatabase(database.name);
  log(`database ${database.name} dropped`);
}
