import { NextResponse } from "next/server";
import { env } from "@/lib/env";
import { payloadV2JsonSchema } from "@/lib/events/json-schema";
import { route } from "@/lib/http/route";

// GET /api/v1/schemas/event-v2.json: the JSON Schema of the v2 webhook payload, public (it
// holds no data and no secrets), next to the OpenAPI document.
export const GET = route(async () => {
  return NextResponse.json(payloadV2JsonSchema(env.APP_URL), {
    headers: { "content-type": "application/schema+json", "cache-control": "public, max-age=300" },
  });
});
