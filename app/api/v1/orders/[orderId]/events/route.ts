import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { ingest } from "@/lib/orders/ingest";

// POST /api/v1/orders/{orderId}/events: a status change from the OMS, dispatch or rider app.
export const POST = route<{ params: Promise<{ orderId: string }> }>(async (request, { params }) => {
  const { orderId } = await params;
  const result = await ingest(request, { kind: "event", orderId });
  return NextResponse.json(result.body, { status: result.status, headers: result.replayed ? { "idempotent-replayed": "true" } : {} });
});
