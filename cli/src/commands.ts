import { EVENT_TYPES } from "../../lib/events/catalog";
import { apiJson, CliError, EXIT, type ApiConfig } from "./api";
import { clock, pad, type Out } from "./output";

// The smaller commands: trigger, events tail, endpoints list, sessions list/stop.

type TriggerAnswer = { event_id: string; event: string; sessions: string[] };

export async function trigger(config: ApiConfig, eventType: string, out: Out): Promise<number> {
  if (!(EVENT_TYPES as readonly string[]).includes(eventType)) throw new CliError(`Unknown event type "${eventType}"; the types are ${EVENT_TYPES.join(", ")}.`, EXIT.usage);
  const answer = await apiJson<TriggerAnswer>(config, "/api/v1/listen/trigger", { method: "POST", body: JSON.stringify({ event_type: eventType }) });
  const n = answer.sessions.length;
  out.line(
    n > 0
      ? `Triggered test ${answer.event} ${answer.event_id} → ${n} listen session${n === 1 ? "" : "s"} (${answer.sessions.join(", ")})`
      : `Triggered test ${answer.event} ${answer.event_id}, but no listen session takes ${answer.event}: start one with \`waypoint listen --forward-to …\`.`,
    { type: "trigger", ...answer },
  );
  return n > 0 ? EXIT.ok : EXIT.noListener;
}

type EventItem = {
  event_id: string;
  event: string;
  merchant_order_ref: string;
  created_at: string;
  status: string;
  deliveries: { endpoint_url: string; status: string }[];
  cli_attempts?: number;
};

export async function eventsTail(config: ApiConfig, opts: { limit: number; intervalMs: number; once: boolean; type?: string; status?: string }, out: Out): Promise<number> {
  const query = new URLSearchParams({ limit: String(Math.min(500, Math.max(opts.limit, 50))) });
  if (opts.type) query.set("type", opts.type);
  if (opts.status) query.set("status", opts.status);
  const seen = new Map<string, string>(); // event id → what was printed last (status and counts)
  const print = (e: EventItem, changed: boolean) => {
    const delivered = e.deliveries.filter((d) => d.status === "delivered").length;
    const cli = e.cli_attempts ? `  cli×${e.cli_attempts}` : "";
    out.line(
      `${clock(new Date(e.created_at))}  ${pad(e.event, 18)} ${pad(e.merchant_order_ref, 16)} ${pad(e.status, 14)} ${delivered}/${e.deliveries.length} endpoints${cli}  ${e.event_id}${changed ? "  (updated)" : ""}`,
      { type: "event", ...e },
    );
  };
  let first = true;
  const stop = new AbortController();
  process.once("SIGINT", () => stop.abort());
  while (!stop.signal.aborted) {
    const page = await apiJson<{ events: EventItem[] }>(config, `/api/v1/events?${query}`);
    const events = [...page.events].reverse(); // oldest first
    const shown = first ? events.slice(-opts.limit) : events;
    for (const e of shown) {
      const mark = `${e.status} ${e.deliveries.map((d) => d.status).join(",")} ${e.cli_attempts ?? 0}`;
      const before = seen.get(e.event_id);
      if (before === mark) continue;
      if (first || before === undefined || before !== mark) print(e, before !== undefined);
      seen.set(e.event_id, mark);
    }
    for (const e of events) if (!seen.has(e.event_id)) seen.set(e.event_id, `${e.status} ${e.deliveries.map((d) => d.status).join(",")} ${e.cli_attempts ?? 0}`);
    first = false;
    if (opts.once) break;
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, opts.intervalMs);
      stop.signal.addEventListener("abort", () => (clearTimeout(t), resolve()));
    });
  }
  return EXIT.ok;
}

type Endpoint = { id: string; url: string; event_types: string[]; format: string; schema_version: string; enabled: boolean; disabled_reason: string | null };

export async function endpointsList(config: ApiConfig, out: Out): Promise<number> {
  const { data, limit } = await apiJson<{ data: Endpoint[]; limit: { used: number; max: number } }>(config, "/api/v1/endpoints");
  if (out.json) {
    for (const e of data) out.line("", { type: "endpoint", ...e });
    return EXIT.ok;
  }
  if (data.length === 0) out.line("No endpoints yet. `waypoint listen --forward-to http://localhost:8080/webhooks` needs none.", {});
  for (const e of data) {
    out.line(`${pad(e.id, 28)} ${pad(e.enabled ? "enabled" : `disabled${e.disabled_reason ? ` (${e.disabled_reason})` : ""}`, 10)} ${pad(`${e.format}/${e.schema_version}`, 8)} ${e.url}  [${e.event_types.join(", ")}]`, {});
  }
  out.note(`${limit.used} of ${limit.max} endpoint slots used (listen sessions take none).`);
  return EXIT.ok;
}

type SessionJson = { session_id: string; forward_to: string; events: string[]; created_at: string; last_active_at: string; end_reason: string | null };

export async function sessionsList(config: ApiConfig, out: Out): Promise<number> {
  const { data } = await apiJson<{ data: SessionJson[] }>(config, "/api/v1/listen/sessions");
  if (data.length === 0 && !out.json) out.line("No live listen sessions.", {});
  for (const s of data) out.line(`${s.session_id}  → ${s.forward_to}  [${s.events.length ? s.events.join(", ") : "all events"}]  started ${s.created_at}, last active ${s.last_active_at}`, { type: "session", ...s });
  return EXIT.ok;
}

export async function sessionsStop(config: ApiConfig, id: string, out: Out): Promise<number> {
  const s = await apiJson<SessionJson>(config, `/api/v1/listen/sessions/${encodeURIComponent(id)}`, { method: "DELETE" });
  out.line(`Stopped ${s.session_id}.`, { type: "session", ...s });
  return EXIT.ok;
}
