import { expect, test } from "@playwright/test";
import { fixture } from "./support";

// The machine API as an OMS's HTTP client meets it on the production build (`next start`), not
// through the route handler in-process: what the server adds on the wire (issue 15). Go's
// net/http, Python requests, axios and Node's fetch all ask for gzip by default.

const ACCEPTS_GZIP = { "accept-encoding": "gzip, deflate" };

test("an OMS client that accepts gzip gets ingest answers and errors as they are, and larger reads still compressed", async ({ request }) => {
  const { key } = fixture<{ key: string }>("ingest-key", { partner: "Kettle & Crumb" });
  const created = await request.post("/api/v1/orders", {
    headers: { ...ACCEPTS_GZIP, authorization: `Bearer ${key}` },
    data: { merchant_order_ref: `GZ-${Date.now().toString(36)}`, customer_id: "c-gz", customer_name: "Meera Pillai", customer_phone: "+919811100422" },
  });
  expect(created.status()).toBe(201);
  // Not gzipped: ~300 bytes saved would cost the server a compression stream per order.
  expect(created.headers()["content-encoding"]).toBeUndefined();
  expect(created.headers()["cache-control"]).toBe("no-store, no-transform");
  expect((await created.json()).event.event).toBe("order_confirmed");

  const refused = await request.post("/api/v1/orders", { headers: ACCEPTS_GZIP, data: { merchant_order_ref: "GZ-no-key" } });
  expect(refused.status()).toBe(401);
  expect(refused.headers()["content-encoding"]).toBeUndefined();
  expect((await refused.json()).error.message).toBeTruthy();

  // The Event Log's page of up to 500 events is worth compressing, and still is.
  const { key: partnerKey } = fixture<{ key: string }>("partner-key", { partner: "Kettle & Crumb" });
  const events = await request.get("/api/v1/events?limit=100", { headers: { ...ACCEPTS_GZIP, authorization: `Bearer ${partnerKey}` } });
  expect(events.status()).toBe(200);
  expect(events.headers()["content-encoding"]).toBe("gzip");
  expect((await events.json()).events.length).toBeGreaterThan(0);
});
