import { NextResponse } from "next/server";
import { readJson, route } from "@/lib/http/route";
import { ingest } from "@/lib/orders/ingest";

// POST /api/v1/orders: the OMS creates (confirms) an order. Ingest API key required.
export const POST = route(async (request) => {
  const result = await ingest(request, { kind: "create" }, await readJson(request));
  return NextResponse.json(result.body, { status: result.status, headers: result.replayed ? { "idempotent-replayed": "true" } : {} });
});
