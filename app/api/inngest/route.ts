import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";

// Inngest calls this route to sync the functions (PUT), inspect them (GET) and run steps (POST).
// Requests are verified with INNGEST_SIGNING_KEY in cloud mode.
export const { GET, POST, PUT } = serve({ client: inngest, functions });
