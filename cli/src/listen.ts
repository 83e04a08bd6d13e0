import { EVENT_TYPES } from "../../lib/events/catalog";
import { LISTEN_IDLE_MS } from "../../lib/listen/rules";
import { apiFetch, apiJson, CliError, describeNetworkError, EXIT, failure, type ApiConfig } from "./api";
import { clock, pad, type Out } from "./output";
import { readSse } from "./sse";

// `waypoint listen --forward-to URL`: one outbound server-sent-events stream from Waypoint; each
// event arrives rendered and signed for this session, is POSTed to the local server exactly as
// an endpoint would receive it, and its result is reported back (the Event Log shows it as a CLI
// session attempt). A dropped stream reconnects with Last-Event-ID = the last event reported,
// so nothing is lost; what the server cannot replay any more is announced as skipped.

export type ListenOptions = {
  forwardTo: string;
  events?: string[];
  format: "json" | "xml";
  schema: "v1" | "v2";
  timeoutMs: number;
};

type Session = { session_id: string; secret: string; stream_path: string; events: string[]; format: string; schema_version: string; resume_window_seconds: number };
type Webhook = { event_id: string; event: string; order_ref: string | null; test: boolean; created_at: string; headers: Record<string, string>; body: string };
type Report = { event_id: string; started_at: string; status_code: number | null; latency_ms: number; error: string | null; response_excerpt: string | null };

const RECONNECT_MAX_MS = 10_000;
const REPORT_GATHER_MS = 50;

export function parseEventsOption(value: string | undefined): string[] | undefined {
  if (!value) return undefined;
  const list = value.split(",").map((s) => s.trim()).filter(Boolean);
  const bad = list.filter((t) => !(EVENT_TYPES as readonly string[]).includes(t));
  if (bad.length) throw new CliError(`--events: unknown event type ${bad.join(", ")}; the types are ${EVENT_TYPES.join(", ")}.`, EXIT.usage);
  return list;
}

export async function listen(config: ApiConfig, options: ListenOptions, out: Out): Promise<number> {
  let forward: URL;
  try {
    forward = new URL(options.forwardTo);
    if (!["http:", "https:"].includes(forward.protocol)) throw new Error();
  } catch {
    throw new CliError(`--forward-to must be an http(s) URL such as http://localhost:8080/webhooks (got "${options.forwardTo}").`, EXIT.usage);
  }

  const session = await apiJson<Session>(config, "/api/v1/listen/sessions", {
    method: "POST",
    body: JSON.stringify({ forward_to: forward.toString(), events: options.events, format: options.format, schema_version: options.schema }),
  });
  const what = session.events.length ? session.events.join(", ") : "all events";
  out.line(
    [
      `Ready. Forwarding ${what} to ${forward} (${session.format}, ${session.schema_version}).`,
      `Session: ${session.session_id}`,
      `Signing secret for this session: ${session.secret}`,
      `  (verify with it exactly as with an endpoint's secret; Ctrl-C ends the session)`,
    ].join("\n"),
    { type: "session", session_id: session.session_id, secret: session.secret, forward_to: forward.toString(), events: session.events, format: session.format, schema_version: session.schema_version },
  );

  // --- Reports: batched, retried until accepted; the last accepted id is where a reconnect resumes.
  const pending: Report[] = [];
  let lastAcked: string | null = null;
  let flushing: Promise<void> | null = null;
  let reportBackoff = 0;
  const flush = async () => {
    while (pending.length > 0) {
      const batch = pending.slice(0, 100);
      try {
        const res = await apiFetch(config, `/api/v1/listen/sessions/${session.session_id}/attempts`, { method: "POST", body: JSON.stringify({ attempts: batch }) });
        if (!res.ok) {
          const err = await failure(res);
          // A report the server refuses as such (4xx other than 409/429) would be refused forever: drop it, say so.
          if (res.status >= 400 && res.status < 500 && res.status !== 409 && res.status !== 429) {
            out.note(`! could not record ${batch.length} result(s) in the Event Log: ${err.message}`);
            pending.splice(0, batch.length);
            continue;
          }
          throw err;
        }
        pending.splice(0, batch.length);
        lastAcked = batch[batch.length - 1]!.event_id;
        reportBackoff = 0;
      } catch {
        reportBackoff = Math.min(RECONNECT_MAX_MS, reportBackoff ? reportBackoff * 2 : 500);
        await sleep(reportBackoff);
      }
    }
  };
  // A short wait gathers the results of a burst into one request (at most 100 each).
  const report = (r: Report) => {
    pending.push(r);
    flushing ??= sleep(REPORT_GATHER_MS)
      .then(flush)
      .finally(() => (flushing = null));
  };

  // --- Forwarding: one at a time, in the order the stream sends them.
  const forwarded = new Set<string>();
  const forwardOne = async (w: Webhook) => {
    if (forwarded.has(w.event_id)) return; // sent again after a reconnect before its report landed
    forwarded.add(w.event_id);
    const started = new Date();
    const t0 = performance.now();
    let status: number | null = null;
    let error: string | null = null;
    let excerpt: string | null = null;
    try {
      const res = await fetch(forward, { method: "POST", headers: w.headers, body: w.body, signal: AbortSignal.timeout(options.timeoutMs), redirect: "manual" });
      status = res.status;
      excerpt = (await res.text()).slice(0, 500) || null;
    } catch (e) {
      error = (e as Error).name === "TimeoutError" ? `no answer within ${options.timeoutMs} ms` : `could not connect: ${describeNetworkError(e)}`;
    }
    const latency = Math.round(performance.now() - t0);
    const result = status === null ? error! : String(status);
    out.line(`${clock(new Date())}  ${pad(w.event + (w.test ? " (test)" : ""), 24)} ${pad(w.order_ref ?? "-", 16)} → ${pad(result, 4)} ${String(latency).padStart(5)} ms  ${w.event_id}`, {
      type: "attempt",
      event_id: w.event_id,
      event: w.event,
      order_ref: w.order_ref,
      test: w.test,
      status_code: status,
      error,
      latency_ms: latency,
      at: started.toISOString(),
    });
    report({ event_id: w.event_id, started_at: started.toISOString(), status_code: status, latency_ms: latency, error, response_excerpt: excerpt });
  };

  // --- Ctrl-C: last reports out, session ended (its slot frees up), exit 0.
  const stopping = new AbortController();
  const onSignal = () => stopping.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  let backoff = 0;
  let exitCode: number = EXIT.ok;
  try {
    for (;;) {
      if (stopping.signal.aborted) break;
      const headers: Record<string, string> = { accept: "text/event-stream" };
      if (lastAcked) headers["last-event-id"] = lastAcked;
      let ended: { reason: string; message: string } | null = null;
      let dropped = "the stream closed";
      try {
        const res = await apiFetch(config, session.stream_path, { headers, signal: stopping.signal });
        if (!res.ok || !res.body) throw await failure(res);
        backoff = 0;
        for await (const message of readSse(res.body)) {
          if (message.event === "webhook") await forwardOne(JSON.parse(message.data) as Webhook);
          else if (message.event === "ready") {
            const ready = JSON.parse(message.data) as { resumed_after: string | null; backlog: number };
            if (ready.resumed_after) out.note(`… reconnected; resuming after ${ready.resumed_after} (${ready.backlog} waiting)`);
          } else if (message.event === "skipped") {
            const s = JSON.parse(message.data) as { count: number; oldest_at: string; newest_at: string; reason: string };
            out.line(`! ${s.count} event(s) from ${s.oldest_at} to ${s.newest_at} were not forwarded: ${s.reason}. They are in the Event Log (waypoint events tail).`, { type: "skipped", ...s });
          } else if (message.event === "end") {
            ended = JSON.parse(message.data) as { reason: string; message: string };
            break;
          }
        }
      } catch (error) {
        if (stopping.signal.aborted) break;
        if (error instanceof CliError && error.exitCode !== EXIT.unreachable && error.exitCode !== EXIT.error) {
          // The session is gone (ended, idle, limit) or the key no longer works: reconnecting cannot help.
          out.note(`✗ ${error.message}`);
          exitCode = error.exitCode;
          break;
        }
        dropped = error instanceof Error ? error.message : String(error);
      }
      if (ended) {
        out.note(`✗ ${ended.message}`);
        exitCode = EXIT.refused;
        break;
      }
      if (stopping.signal.aborted) break;
      backoff = Math.min(RECONNECT_MAX_MS, backoff ? backoff * 2 : 250);
      out.note(`… stream dropped (${dropped}); reconnecting in ${backoff} ms (resuming after ${lastAcked ?? "the session start"}; the session ends after ${LISTEN_IDLE_MS / 60_000} min without a connection)`);
      await sleep(backoff, stopping.signal);
    }
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    const deadline = sleep(3_000);
    if (flushing) await Promise.race([flushing, deadline]);
    if (exitCode === EXIT.ok) {
      await apiFetch(config, `/api/v1/listen/sessions/${session.session_id}`, { method: "DELETE" }).catch(() => undefined);
      out.note(`Session ${session.session_id} ended.`);
    }
  }
  return exitCode;
}

function sleep(ms: number, signal?: AbortSignal) {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
