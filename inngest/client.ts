import { Inngest } from "inngest";
import { inngestSetup } from "@/lib/env-schema";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { INNGEST_STEP_BUDGET_S } from "@/lib/delivery/attempt";

/** app/api/inngest/route.ts exports this as its `maxDuration` (a literal there; a test checks they agree). */
export const SERVE_MAX_DURATION_S = 60;

/**
 * The one Inngest client, configured from the validated env (lib/env-schema.ts), not from the
 * SDK's own reading of it: `isDev` is explicit, so INNGEST_DEV=0 means cloud mode here too and
 * production (where INNGEST_DEV is refused at start-up) always verifies request signatures.
 *
 * Checkpointing (on by default in v4) runs steps eagerly inside one request; it must hand over
 * to Inngest before the platform ends the request, and a step started just before that must
 * still finish: so maxRuntime is the serve route's maxDuration minus the longest step (an
 * attempt: the partner timeout, the rate-limit wait and the database work).
 */
export const inngest = new Inngest({
  id: "waypoint",
  isDev: inngestSetup(env).mode === "dev",
  eventKey: env.INNGEST_EVENT_KEY,
  signingKey: env.INNGEST_SIGNING_KEY,
  signingKeyFallback: env.INNGEST_SIGNING_KEY_FALLBACK,
  baseUrl: env.INNGEST_BASE_URL,
  checkpointing: { maxRuntime: `${SERVE_MAX_DURATION_S - INNGEST_STEP_BUDGET_S}s` },
  logger,
});
