import { route } from "@/lib/http/route";
import { intakeResponse, receiveIntake } from "@/lib/intake/receive";

// POST /api/v1/intake/{sourceId}: a sales channel's order webhook (Shopify, WooCommerce, or any
// Standard Webhooks sender). No API key: the unguessable URL names the source and the request is
// authenticated by the channel's signature over the raw body with the source's secret.
export const POST = route<{ params: Promise<{ sourceId: string }> }>(async (request, { params }) => intakeResponse(await receiveIntake(request, (await params).sourceId)));
