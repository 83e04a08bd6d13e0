import "server-only";
import { sql } from "@/lib/db/sql";
import { deliveryDriver, inngestConfigProblems, inngestConfigWarnings, inngestSetup } from "@/lib/env-schema";
import { env } from "@/lib/env";
import { jobDriverState } from "@/lib/jobs/announce";

export type Readiness = {
  ready: boolean;
  database: { reachable: boolean; latencyMs: number | null; error?: string };
  delivery: {
    driver: "embedded" | "inngest" | "off";
    problems: string[];
    warnings: string[];
    inngest?: {
      mode: "cloud" | "dev";
      eventKey: boolean;
      signingKey: boolean;
      /** The Inngest driver is plugged into lib/jobs in this process (instrumentation.ts). */
      driverRegistered: boolean;
      servePath: string;
      functions: unknown;
      /** The last sync (PUT) and step run (POST) this process answered, with its status; null until one comes. */
      lastSync: unknown;
      lastRun: unknown;
    };
  };
};

const DATABASE_TIMEOUT_MS = 2000;

/**
 * What a load balancer or an operator asks before sending traffic: can this process reach the
 * database, and will what it accepts be delivered (the driver, its configuration, and for Inngest
 * whether it is registered here and has been synced and called). Booleans only, never a key.
 */
export async function readiness(): Promise<Readiness> {
  const database = await checkDatabase();
  const driver = deliveryDriver(env);
  const problems = inngestConfigProblems(env);
  const warnings = inngestConfigWarnings(env);
  const delivery: Readiness["delivery"] = { driver, problems, warnings };
  if (driver === "inngest") {
    const setup = inngestSetup(env);
    const state = jobDriverState();
    delivery.inngest = {
      mode: setup.mode,
      eventKey: setup.eventKey,
      signingKey: setup.signingKey,
      driverRegistered: state.registered === "inngest",
      servePath: "/api/inngest",
      functions: state.functions ?? [],
      lastSync: state.lastCalls.sync ?? null,
      lastRun: state.lastCalls.run ?? null,
    };
    if (!delivery.inngest.driverRegistered) problems.push("the Inngest driver is not registered in this process: announcements would be lost until a sweep");
  }
  // The embedded engine is started by startBackgroundWork (lib/jobs/start.ts keeps it on globalThis).
  if (driver === "embedded" && !(globalThis as { waypointEngine?: unknown }).waypointEngine) problems.push("the embedded delivery engine is not running in this process");
  if (driver === "off") warnings.push("DELIVERY_ENGINE=off: this process delivers nothing (a separate worker must run)");
  return { ready: database.reachable && problems.length === 0, database, delivery };
}

async function checkDatabase(): Promise<Readiness["database"]> {
  const started = performance.now();
  try {
    await Promise.race([
      sql().query("SELECT 1"),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${DATABASE_TIMEOUT_MS} ms`)), DATABASE_TIMEOUT_MS).unref()),
    ]);
    return { reachable: true, latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    // The driver's own message can name hosts, ports and users: the probe is unauthenticated, so it says only which kind of failure.
    const timedOut = err instanceof Error && err.message.startsWith("no answer within");
    return { reachable: false, latencyMs: null, error: timedOut ? `no answer within ${DATABASE_TIMEOUT_MS} ms` : "connection failed" };
  }
}
