import { NextResponse } from "next/server";
import { env } from "@/lib/env";
import { route } from "@/lib/http/route";
import { buildOpenApiDocument } from "./_document/build-document";

// GET /api/v1/openapi.json: the API reference, public (it holds no data and no secrets).
export const GET = route(async () => {
  return NextResponse.json(buildOpenApiDocument(env.APP_URL), { headers: { "cache-control": "public, max-age=300" } });
});
