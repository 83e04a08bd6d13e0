import type { NextRequest } from "next/server";
import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";
import { noteDriverCall } from "@/lib/jobs/announce";

// Inngest calls this route to sync the functions (PUT), inspect them (GET) and run steps (POST).
// The client is in cloud mode whenever NODE_ENV=production (INNGEST_DEV is refused there at
// start-up), so every POST must carry a valid X-Inngest-Signature made with INNGEST_SIGNING_KEY
// (or INNGEST_SIGNING_KEY_FALLBACK); an unsigned or badly signed one is answered 401 and runs nothing.

/** Serverless platforms end the request here; checkpointing hands over to Inngest before (inngest/client.ts, SERVE_MAX_DURATION_S). */
export const maxDuration = 60;

const handlers = serve({ client: inngest, functions });

type Handler = (request: NextRequest, context: unknown) => Promise<Response>;
const noted =
  (kind: "sync" | "run", handler: Handler): Handler =>
  async (request, context) => {
    const response = await handler(request, context);
    noteDriverCall(kind, response.status);
    return response;
  };

export const GET = handlers.GET;
export const PUT = noted("sync", handlers.PUT);
export const POST = noted("run", handlers.POST);
