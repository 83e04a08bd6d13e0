import { Inngest } from "inngest";

/**
 * The one Inngest client. Mode and keys come from the environment, read by the SDK itself:
 * cloud mode by default (INNGEST_EVENT_KEY / INNGEST_SIGNING_KEY), INNGEST_DEV=1 for a local
 * dev server. Which delivery driver runs at all is `deliveryDriver()` in lib/env-schema.ts.
 */
export const inngest = new Inngest({ id: "waypoint" });
