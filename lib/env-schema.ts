import { z } from "zod";

const csv = z
  .string()
  .optional()
  .transform((v) => (v ?? "").split(",").map((s) => s.trim().toLowerCase()).filter(Boolean));

const bool = (fallback: boolean) =>
  z
    .enum(["1", "0", "true", "false"])
    .optional()
    .transform((v) => (v === undefined ? fallback : v === "1" || v === "true"));

const positiveInt = (fallback: number) => z.coerce.number().int("must be a whole number").positive("must be positive").default(fallback);

// An empty variable (`SMTP_URL=` in a compose file) means "not set", not "set to nothing".
const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);

const isProduction = process.env.NODE_ENV === "production" && process.env.WAYPOINT_LOCAL !== "1";

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.url({ message: "must be a postgresql:// URL" }).refine((u) => /^postgres(ql)?:\/\//.test(u), "must be a postgresql:// URL"),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (generate one with `openssl rand -base64 32`)"),
  // 32 bytes, base64 or hex: encrypts endpoint signing secrets at rest.
  SECRETS_ENCRYPTION_KEY: z.string().min(32, "must be a 32-byte key in base64 or hex (`openssl rand -base64 32`)"),
  // Keys being rotated out: still used to open old secrets, never to seal new ones (comma-separated).
  SECRETS_ENCRYPTION_KEY_PREVIOUS: z
    .string()
    .optional()
    .transform((v) => (v ?? "").split(",").map((s) => s.trim()).filter(Boolean)),
  APP_URL: z.url().default("http://localhost:3000"),
  // Hosts that may receive webhooks although they resolve to private addresses (local development, tests).
  WEBHOOK_ALLOW_HOSTS: csv,
  WEBHOOK_REQUIRE_HTTPS: bool(isProduction),
  // Which driver runs deliveries and SMS, said explicitly (no guessing from other variables).
  DELIVERY_ENGINE: z
    .enum(["embedded", "inngest", "off"], { message: 'must be "embedded" (default), "inngest" or "off"' })
    .default("embedded"),
  // DELIVERY_ENGINE=inngest: Inngest Cloud or a self-hosted `inngest start` needs both keys
  // (checked in parseEnv); INNGEST_DEV (1 or the dev server's URL) is for a local dev server only.
  INNGEST_EVENT_KEY: z.preprocess(blankToUndefined, z.string().optional()),
  INNGEST_SIGNING_KEY: z.preprocess(blankToUndefined, z.string().optional()),
  /** The previous signing key while rotating (requests signed with either are accepted). */
  INNGEST_SIGNING_KEY_FALLBACK: z.preprocess(blankToUndefined, z.string().optional()),
  /** Self-hosted Inngest: its base URL (Inngest Cloud when unset). */
  INNGEST_BASE_URL: z.preprocess(blankToUndefined, z.url().optional()),
  INNGEST_DEV: z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine((v) => ["1", "0", "true", "false"].includes(v.trim().toLowerCase()) || /^https?:\/\/[^/]/.test(v.trim()), "must be 1, 0, true, false or the dev server's http(s):// URL")
      .optional(),
  ),
  SMS_PROVIDER: z.enum(["outbox", "twilio"]).default("outbox"),
  TWILIO_ACCOUNT_SID: z.string().optional(),
  TWILIO_AUTH_TOKEN: z.string().optional(),
  TWILIO_FROM_NUMBER: z.string().optional(),
  // Outgoing mail. Unset → the outbox (stored and marked sent; links printed in development).
  SMTP_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine((v) => /^smtps?:\/\/[^/?#]/.test(v) && URL.canParse(v), "must be an smtp:// or smtps:// URL, e.g. smtps://user:pass@smtp.example.com:465")
      .optional(),
  ),
  // "Name <address>" or a bare address; checked in parseEnv. Required with SMTP_URL in production.
  MAIL_FROM: z.preprocess(blankToUndefined, z.string().optional()),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // 1: the sign-in page lists the demo accounts with one-click sign-in (lib/dev/demo-sign-in.ts;
  // on by itself under `next dev`). Refused in production (parseEnv): it shows their password.
  DEMO_SIGN_IN: z.enum(["0", "1"], { message: "must be 1 or 0" }).optional(),
  // Incidents (lib/alerts) are mailed to the partner's admins and to this support address; unset: admins only.
  ALERT_SUPPORT_EMAIL: z.preprocess(
    blankToUndefined,
    z.string().trim().refine((v) => /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/.test(v), "must be one e-mail address, e.g. support@example.com").optional(),
  ),
  // Webhook payload v1's end of support, a UTC date (lib/sunset/v1.ts): notices 90/30/7 days before,
  // Deprecation/Sunset headers on every v1 delivery, and no endpoint can newly choose v1 after it.
  // The default is 12 months after v2 shipped (the seeds' backward-compatibility promise).
  V1_SUNSET_DATE: z.preprocess(blankToUndefined, z.iso.date("must be a date, YYYY-MM-DD").default("2027-11-30")),
  // Background work (lib/jobs, lib/delivery). Defaults suit one box; tests shorten the lease and poll.
  /**
   * The most ingest requests one web process works on at once (lib/http/admission.ts): past it, or
   * past the lower cap a standing queue sets, a request is refused at once with 503 + Retry-After.
   */
  INGEST_MAX_IN_FLIGHT: positiveInt(512),
  /** Connections in the shared plain-SQL pool (lib/db/sql.ts). */
  SQL_POOL_MAX: positiveInt(10),
  /** One-by-one attempts (Inngest, manual retries) in the database at once (lib/delivery/db-gate.ts). */
  DELIVERY_DB_SLOTS: positiveInt(12),
  /**
   * How long a worker's claim on a delivery lasts before another may take it over: a crashed
   * worker's deliveries come back after at most this (plus a poll). Renewed every third of it while
   * an attempt runs, however long the partner takes; a worker that could not renew in time (stalled)
   * leaves the delivery to whoever holds it next instead of sending it too.
   */
  DELIVERY_LEASE_MS: positiveInt(6_000),
  /** Fallback poll of the embedded engines for retries coming due and missed notifications. */
  DELIVERY_POLL_MS: positiveInt(1000),
  /**
   * "in-process" (default): a server process runs the background work its driver needs (engines,
   * mail and monitor loops, lib/jobs/start.ts). "off": it only serves requests and a separate
   * worker does that work (`npm start` runs one beside the web process: scripts/start.ts).
   * "after-dev-seed" (set by `npm run dev` only): in-process, once the demo seed is written.
   */
  BACKGROUND_WORK: z.enum(["in-process", "off", "after-dev-seed"], { message: "must be in-process or off" }).default("in-process"),
});

export type Env = z.infer<typeof envSchema>;

/**
 * One variable, read through its schema, for the few modules that must work before (or without)
 * the whole environment: the logger and the database gate are imported by unit tests that set
 * nothing else. A bad value still stops with the variable's name.
 */
export function envVar<K extends keyof Env>(key: K, source: Record<string, string | undefined> = process.env): Env[K] {
  const field = envSchema.shape[key] as unknown as z.ZodType<Env[K]>;
  const result = field.safeParse(source[key]);
  if (!result.success) throw new Error(`Invalid environment configuration:\n  ${key}: ${result.error.issues[0]?.message ?? "invalid"}\nSee README.md → Configuration.`);
  return result.data;
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}\nSee README.md → Configuration.`);
  }
  const env = result.data;
  if (env.SMS_PROVIDER === "twilio" && !(env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN && env.TWILIO_FROM_NUMBER)) {
    throw new Error("Invalid environment configuration:\n  TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM_NUMBER: required when SMS_PROVIDER=twilio");
  }
  env.MAIL_FROM = checkMailFrom(env, source);
  if (env.BACKGROUND_WORK === "after-dev-seed" && env.NODE_ENV === "production") {
    throw new Error("Invalid environment configuration:\n  BACKGROUND_WORK: after-dev-seed is for npm run dev only; use in-process or off");
  }
  if (env.DEMO_SIGN_IN === "1" && env.NODE_ENV === "production" && source.WAYPOINT_LOCAL !== "1") {
    throw new Error("Invalid environment configuration:\n  DEMO_SIGN_IN: not allowed in production (it puts the demo accounts and their password on the sign-in page)");
  }
  const inngestProblems = inngestConfigProblems(env);
  if (inngestProblems.length) throw new Error(`Invalid environment configuration:\n${inngestProblems.map((p) => `  ${p}`).join("\n")}\nSee README.md → Production: Inngest checklist.`);
  return env;
}

/** How the Inngest SDK is set up, as the app reads it (the client is built from this, not from the SDK's own guesses). */
export type InngestSetup = {
  /** "dev": a local dev server, requests unsigned; "cloud": Inngest Cloud or self-hosted, every request signed. */
  mode: "cloud" | "dev";
  devServerUrl: string | undefined;
  eventKey: boolean;
  signingKey: boolean;
};

/** INNGEST_DEV read the way the SDK reads it: 1/true or a URL select dev mode; 0/false, unset: cloud. */
export function inngestSetup(env: Pick<Env, "INNGEST_DEV" | "INNGEST_EVENT_KEY" | "INNGEST_SIGNING_KEY">): InngestSetup {
  const dev = env.INNGEST_DEV?.trim().toLowerCase();
  const url = dev && /^https?:\/\//.test(dev) ? env.INNGEST_DEV!.trim() : undefined;
  return { mode: dev === "1" || dev === "true" || url ? "dev" : "cloud", devServerUrl: url, eventKey: Boolean(env.INNGEST_EVENT_KEY), signingKey: Boolean(env.INNGEST_SIGNING_KEY) };
}

/**
 * Half configurations that would lose deliveries silently or serve unsigned calls, named: start-up
 * refuses them. With DELIVERY_ENGINE=inngest in cloud mode both keys are needed (without the event
 * key every send fails; without the signing key every call is refused). INNGEST_DEV is refused when
 * NODE_ENV=production, even with WAYPOINT_LOCAL: in dev mode the SDK skips signature checks.
 */
export function inngestConfigProblems(env: Env): string[] {
  const setup = inngestSetup(env);
  const problems: string[] = [];
  if (env.NODE_ENV === "production" && setup.mode === "dev") {
    problems.push("INNGEST_DEV: not allowed when NODE_ENV=production (in dev mode Inngest calls are served without a signature check); unset it and set INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY");
  }
  if (env.DELIVERY_ENGINE === "inngest" && setup.mode === "cloud") {
    const missing = [!setup.eventKey && "INNGEST_EVENT_KEY", !setup.signingKey && "INNGEST_SIGNING_KEY"].filter(Boolean);
    if (missing.length) {
      const local = env.NODE_ENV === "production" ? "" : " (or INNGEST_DEV=1 for a local Inngest dev server)";
      problems.push(`${missing.join(", ")}: required when DELIVERY_ENGINE=inngest${local}; without ${missing.length === 2 ? "them" : "it"} nothing would be delivered`);
    }
  }
  return problems;
}

/** Set but unused: worth a line in the logs and the readiness report, not a refusal. */
export function inngestConfigWarnings(env: Env): string[] {
  if (env.DELIVERY_ENGINE === "inngest") return [];
  const set = (["INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY", "INNGEST_DEV"] as const).filter((k) => env[k] !== undefined);
  return set.length ? [`${set.join(", ")} set but DELIVERY_ENGINE=${env.DELIVERY_ENGINE}: Inngest is not used`] : [];
}

/** Dev and tests get a sender of their own; production must name the real one (SPF, DKIM). */
export const DEV_MAIL_FROM = "Waypoint <no-reply@waypoint.local>";

function checkMailFrom(env: Env, source: Record<string, string | undefined>): string {
  const fail = (message: string) => {
    throw new Error(`Invalid environment configuration:\n  MAIL_FROM: ${message}\nSee README.md → Configuration.`);
  };
  if (env.MAIL_FROM === undefined) {
    const production = env.NODE_ENV === "production" && source.WAYPOINT_LOCAL !== "1";
    if (env.SMTP_URL && production) fail('required when SMTP_URL is set, e.g. "Waypoint <no-reply@example.com>"');
    return DEV_MAIL_FROM;
  }
  if (!isMailbox(env.MAIL_FROM)) fail('must be an address or "Name <address>", e.g. "Waypoint <no-reply@example.com>"');
  return env.MAIL_FROM;
}

/** `a@b.c` or `Display Name <a@b.c>`; no line breaks (they would inject headers). */
export function isMailbox(value: string): boolean {
  if (/[\r\n]/.test(value)) return false;
  const address = /^[^<>]*<([^<>]+)>$/.exec(value.trim())?.[1] ?? value.trim();
  return /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/.test(address);
}

/** Which delivery driver runs: DELIVERY_ENGINE, and nothing else. */
export function deliveryDriver(env: Pick<Env, "DELIVERY_ENGINE">): "embedded" | "inngest" | "off" {
  return env.DELIVERY_ENGINE;
}
