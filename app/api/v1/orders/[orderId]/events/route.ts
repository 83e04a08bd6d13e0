import { route } from "@/lib/http/route";
import { ingest, ingestResponse } from "@/lib/orders/ingest";

// POST /api/v1/orders/{orderId}/events: a status change from the OMS, dispatch or rider app.
export const POST = route<{ params: Promise<{ orderId: string }> }>(async (request, { params }) => {
  const { orderId } = await params;
  return ingestResponse(await ingest(request, { kind: "event", orderId }));
});
