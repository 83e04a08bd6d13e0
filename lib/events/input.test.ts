import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  CreateOrderBodySchema,
  IngestEventBodySchema,
  formatZodError,
  parseCreateOrderBody,
  parseIngestEventBody,
} from "@/lib/events/input";

const OFD = {
  event: "out_for_delivery",
  occurred_at: "2026-05-01T15:30:00+05:30",
  rider: { name: "Rajesh Kumar", phone: "+919876543214", id: "R-42" },
  otp: "0421",
  eta_window: { from: "2026-05-01T16:00:00+05:30", to: "2026-05-01T17:00:00+05:30" },
};
const DELIVERED = { event: "delivered", confirmation_method: "otp" };
const FAILED = { event: "delivery_failed", reason_code: "customer_unavailable", rescheduled_for: "2026-05-02T10:00:00Z" };
const RETURN = { event: "return_initiated", reason_code: "size_mismatch", condition: "unopened" };
const ORDER = {
  merchant_order_ref: "ORD-4820193",
  customer_id: "cust_1187",
  customer_name: "Asha Rao",
  customer_phone: "+919812345678",
};

describe("IngestEventBodySchema accepts", () => {
  it.each([
    ["out_for_delivery", OFD],
    ["out_for_delivery without occurred_at or rider id", { ...OFD, occurred_at: undefined, rider: { name: "R", phone: "98765432" } }],
    ["delivered", DELIVERED],
    ["delivered with delivered_at", { ...DELIVERED, delivered_at: "2026-05-01T11:00:00Z" }],
    ["delivery_failed", FAILED],
    ["delivery_failed without a reschedule", { event: "delivery_failed", reason_code: "weather" }],
    ["return_initiated", RETURN],
    ["return_initiated with pickup_eta", { ...RETURN, pickup_eta: "2026-05-03T09:00:00.000+05:30" }],
  ])("%s", (_name, body) => {
    const result = parseIngestEventBody(body);
    expect(result.ok ? "ok" : result.message).toBe("ok");
  });

  it("keeps the OTP a string with its leading zero", () => {
    expect(IngestEventBodySchema.parse(OFD)).toMatchObject({ otp: "0421" });
  });
});

// [case, body, text the one-line message must contain]
const REJECTED: ReadonlyArray<[string, unknown, string]> = [
  ["not an object", "hello", "body: must be an object"],
  ["null body", null, "body: must be an object"],
  ["missing event", { otp: "1234" }, "event: is required"],
  ["unknown event", { event: "picked_up" }, "event: must be one of out_for_delivery, delivered"],
  ["order_confirmed via the events API", { event: "order_confirmed" }, "POST /api/v1/orders"],
  ["unknown top-level key", { ...DELIVERED, note: "x" }, "note: unknown field"],
  ["unknown nested key", { ...OFD, rider: { ...OFD.rider, vehicle: "bike" } }, "rider.vehicle: unknown field"],
  ["OFD without rider", { ...OFD, rider: undefined }, "rider: is required"],
  ["rider without phone", { ...OFD, rider: { name: "R" } }, "rider.phone: is required"],
  ["rider phone not a number", { ...OFD, rider: { name: "R", phone: "call me" } }, "rider.phone: must be a phone number"],
  ["empty rider name", { ...OFD, rider: { name: "  ", phone: "+919876543214" } }, "rider.name: must not be empty"],
  ["OTP as a number", { ...OFD, otp: 1234 }, "otp: must be a string"],
  ["OTP too short", { ...OFD, otp: "123" }, "otp: must be a string of 4-6 digits"],
  ["OTP too long", { ...OFD, otp: "1234567" }, "otp: must be a string of 4-6 digits"],
  ["OTP with letters", { ...OFD, otp: "12a4" }, "otp: must be a string of 4-6 digits"],
  ["missing eta_window", { ...OFD, eta_window: undefined }, "eta_window: is required"],
  ["eta_window.to before from", { ...OFD, eta_window: { from: OFD.eta_window.to, to: OFD.eta_window.from } }, "eta_window.to: must be after eta_window.from"],
  ["eta_window.to equal to from", { ...OFD, eta_window: { from: OFD.eta_window.from, to: OFD.eta_window.from } }, "eta_window.to: must be after eta_window.from"],
  ["eta_window without offset", { ...OFD, eta_window: { from: "2026-05-01T16:00:00", to: OFD.eta_window.to } }, "eta_window.from: must be an ISO-8601 date-time with a timezone"],
  ["occurred_at not a date", { ...DELIVERED, occurred_at: "yesterday" }, "occurred_at: must be an ISO-8601 date-time"],
  ["missing confirmation_method", { event: "delivered" }, "confirmation_method: is required"],
  ["unknown confirmation_method", { ...DELIVERED, confirmation_method: "hug" }, "confirmation_method: must be one of otp, signature, photo, left_at_door"],
  ["delivered_at not a date", { ...DELIVERED, delivered_at: 1714560000 }, "delivered_at: must be"],
  ["rider on delivered", { ...DELIVERED, rider: OFD.rider }, "rider: unknown field"],
  ["unknown failure reason", { ...FAILED, reason_code: "dog" }, "reason_code: must be one of customer_unavailable"],
  ["rescheduled_for not a date", { ...FAILED, rescheduled_for: "tomorrow" }, "rescheduled_for: must be an ISO-8601"],
  ["otp on delivery_failed", { ...FAILED, otp: "1234" }, "otp: unknown field"],
  ["return reason empty", { ...RETURN, reason_code: "" }, "reason_code: must not be empty"],
  ["return reason too long", { ...RETURN, reason_code: "x".repeat(65) }, "reason_code: must be at most 64 characters"],
  ["unknown return condition", { ...RETURN, condition: "used" }, "condition: must be one of unopened, opened, damaged"],
  ["missing return condition", { ...RETURN, condition: undefined }, "condition: is required"],
  ["pickup_eta not a date", { ...RETURN, pickup_eta: "soon" }, "pickup_eta: must be an ISO-8601"],
];

describe("IngestEventBodySchema rejects", () => {
  it.each(REJECTED)("%s", (_name, body, expected) => {
    const result = parseIngestEventBody(body);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain(expected);
      expect(result.message).not.toContain("\n");
    }
  });

  it("names every bad field in one line", () => {
    const result = parseIngestEventBody({ ...OFD, otp: "1", rider: { name: "R" }, extra: true });
    expect(!result.ok && result.message).toBe(
      "rider.phone: is required; otp: must be a string of 4-6 digits; extra: unknown field",
    );
  });
});

describe("CreateOrderBodySchema", () => {
  it("accepts a minimal and a full body, trimming text", () => {
    expect(parseCreateOrderBody(ORDER).ok).toBe(true);
    const full = { ...ORDER, partner_id: "p_1", customer_name: "  Asha Rao ", occurred_at: "2026-05-01T09:00:00Z" };
    expect(CreateOrderBodySchema.parse(full).customer_name).toBe("Asha Rao");
  });

  it.each([
    ["missing ref", { ...ORDER, merchant_order_ref: undefined }, "merchant_order_ref: is required"],
    ["ref too long", { ...ORDER, merchant_order_ref: "x".repeat(65) }, "merchant_order_ref: must be at most 64 characters"],
    ["empty customer id", { ...ORDER, customer_id: "" }, "customer_id: must not be empty"],
    ["name too long", { ...ORDER, customer_name: "x".repeat(121) }, "customer_name: must be at most 120 characters"],
    ["phone too short", { ...ORDER, customer_phone: "+9112345" }, "customer_phone: must be a phone number"],
    ["phone too long", { ...ORDER, customer_phone: "+9112345678901234" }, "customer_phone: must be a phone number"],
    ["phone with letters", { ...ORDER, customer_phone: "+91 98765 4321O" }, "customer_phone: must be a phone number"],
    ["partner_id not a string", { ...ORDER, partner_id: 7 }, "partner_id: must be a string"],
    ["occurred_at without offset", { ...ORDER, occurred_at: "2026-05-01 09:00" }, "occurred_at: must be an ISO-8601"],
    ["unknown key", { ...ORDER, status: "delivered" }, "status: unknown field"],
  ])("rejects %s", (_name, body, expected) => {
    const result = parseCreateOrderBody(body);
    expect(!result.ok && result.message).toContain(expected);
  });
});

describe("formatZodError", () => {
  it("names paths even for errors from a plain safeParse", () => {
    const result = IngestEventBodySchema.safeParse({ ...OFD, eta_window: { from: OFD.eta_window.to, to: OFD.eta_window.from } });
    expect(result.success).toBe(false);
    if (!result.success) expect(formatZodError(result.error)).toBe("eta_window.to: must be after eta_window.from");
  });

  it("formats array indexes and root errors", () => {
    const result = z.object({ items: z.array(z.string()) }).safeParse({ items: ["a", 1] });
    if (!result.success) expect(formatZodError(result.error)).toMatch(/^items\.1: /);
  });
});
