import { Command, CommanderError, Option } from "commander";
import { CliError, EXIT, resolveConfig } from "./api";
import { endpointsList, eventsTail, sessionsList, sessionsStop, trigger } from "./commands";
import { listen, parseEventsOption } from "./listen";
import { makeOut } from "./output";

// `waypoint`: the partner CLI. Every command takes a partner API key (--api-key or
// WAYPOINT_API_KEY; never printed) and the app's address (--base-url or WAYPOINT_URL).
// Exit codes (also in `waypoint --help`): see EXIT in api.ts.

const EXIT_HELP = `
Exit codes:
  0 ok · 1 unexpected error · 2 bad usage or input · 3 API key missing, invalid or not allowed
  4 not found · 5 refused by a limit, or the listen session ended · 6 Waypoint unreachable
  7 trigger: no listen session takes that event type`;

type Common = { apiKey?: string; baseUrl?: string; json?: boolean };

function withCommon(cmd: Command): Command {
  return cmd
    .addOption(new Option("--api-key <key>", "partner API key (wp_live_…)").env("WAYPOINT_API_KEY"))
    .addOption(new Option("--base-url <url>", "Waypoint's address").env("WAYPOINT_URL").default("http://localhost:3000"))
    .option("--json", "one JSON object per line, for scripts");
}

export async function main(argv: string[]): Promise<void> {
  const program = new Command("waypoint")
    .description("Waypoint from the terminal: receive live, signed events on localhost, trigger test events, tail the Event Log.")
    .addHelpText("after", EXIT_HELP)
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str) });

  let code: number = EXIT.ok;
  const run = (fn: (opts: Common & Record<string, unknown>, ...args: string[]) => Promise<number>) =>
    async (...args: unknown[]) => {
      const cmd = args[args.length - 1] as Command;
      const opts = cmd.opts<Common & Record<string, unknown>>();
      code = await fn(opts, ...(args.slice(0, -2) as string[]));
    };

  withCommon(
    program
      .command("listen")
      .description("forward this partner's events, signed with a per-session secret, to a local URL")
      .requiredOption("--forward-to <url>", "where to POST each event, e.g. http://localhost:8080/webhooks")
      .option("--events <types>", "comma-separated event types (default: all)")
      .addOption(new Option("--format <format>", "payload format").choices(["json", "xml"]).default("json"))
      .addOption(new Option("--schema <version>", "payload schema version").choices(["v1", "v2"]).default("v2"))
      .option("--timeout <ms>", "how long the local server has to answer", "10000"),
  ).action(
    run(async (o) => {
      const config = resolveConfig(o);
      const timeoutMs = Number(o.timeout);
      if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new CliError("--timeout must be a whole number of milliseconds.", EXIT.usage);
      return listen(config, { forwardTo: String(o.forwardTo), events: parseEventsOption(o.events as string | undefined), format: o.format as "json" | "xml", schema: o.schema as "v1" | "v2", timeoutMs }, makeOut(!!o.json));
    }),
  );

  withCommon(program.command("trigger <event_type>").description("send a test event to this partner's listen sessions (the same path as real events)")).action(
    run(async (o, eventType) => trigger(resolveConfig(o), eventType!, makeOut(!!o.json))),
  );

  const events = program.command("events").description("the Event Log");
  withCommon(
    events
      .command("tail")
      .description("print the Event Log live (newest last)")
      .option("--limit <n>", "events to show first", "10")
      .option("--type <event_type>", "only this event type")
      .option("--status <status>", "only events with this delivery status")
      .option("--interval <ms>", "how often to look", "2000")
      .option("--once", "print once and exit"),
  ).action(
    run(async (o) =>
      eventsTail(resolveConfig(o), { limit: Number(o.limit) || 10, intervalMs: Math.max(500, Number(o.interval) || 2000), once: !!o.once, type: o.type as string | undefined, status: o.status as string | undefined }, makeOut(!!o.json)),
    ),
  );

  const endpoints = program.command("endpoints").description("this partner's webhook endpoints");
  withCommon(endpoints.command("list").description("list endpoints (no secrets)")).action(run(async (o) => endpointsList(resolveConfig(o), makeOut(!!o.json))));

  const sessions = program.command("sessions").description("live `waypoint listen` sessions");
  withCommon(sessions.command("list").description("list this partner's live listen sessions")).action(run(async (o) => sessionsList(resolveConfig(o), makeOut(!!o.json))));
  withCommon(sessions.command("stop <session_id>").description("end a listen session (frees its place)")).action(run(async (o, id) => sessionsStop(resolveConfig(o), id!, makeOut(!!o.json))));

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      code = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    } else if (error instanceof CliError) {
      process.stderr.write(`✗ ${error.message}\n`);
      code = error.exitCode;
    } else {
      process.stderr.write(`✗ ${(error as Error).message}\n`);
      code = EXIT.error;
    }
  }
  process.exitCode = code;
  // Keep-alive sockets must not hold the process open once the command is done.
  setTimeout(() => process.exit(code), 100).unref();
}
