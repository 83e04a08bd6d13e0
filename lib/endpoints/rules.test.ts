import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import {
  ENDPOINT_LIMIT_MESSAGE,
  assertBelowEndpointLimit,
  endpointAllowance,
  endpointFieldsSchema,
  endpointPatchSchema,
  fieldErrorsFromMessage,
} from "./rules";

const valid = { url: "https://hooks.example.com/waypoint", eventTypes: ["delivered"] };

describe("endpoint limit", () => {
  it("allows the fifth endpoint and refuses the sixth with the message the partner sees", () => {
    expect(() => assertBelowEndpointLimit(4)).not.toThrow();
    try {
      assertBelowEndpointLimit(5);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("limit_reached");
      expect((error as AppError).status).toBe(409);
      expect((error as AppError).message).toBe("You already have 5 endpoints, the most a partner can have. Delete or reuse one.");
    }
    expect(ENDPOINT_LIMIT_MESSAGE).toContain("5 endpoints");
  });

  it("counts what is left for the 'n of 5' line", () => {
    expect(endpointAllowance(0)).toEqual({ count: 0, max: 5, remaining: 5, canAdd: true });
    expect(endpointAllowance(5)).toMatchObject({ remaining: 0, canAdd: false });
    expect(endpointAllowance(7)).toMatchObject({ remaining: 0, canAdd: false });
  });
});

describe("endpoint settings", () => {
  it("fills the defaults: JSON, schema v2, no description, platform rate limit", () => {
    expect(endpointFieldsSchema.parse(valid)).toEqual({
      url: "https://hooks.example.com/waypoint",
      description: "",
      eventTypes: ["delivered"],
      format: "json",
      schemaVersion: "v2",
      rateLimitPerSecond: null,
    });
  });

  it("needs at least one event type, and stores them once each in catalogue order", () => {
    expect(endpointFieldsSchema.safeParse({ ...valid, eventTypes: [] }).success).toBe(false);
    const parsed = endpointFieldsSchema.parse({ ...valid, eventTypes: ["return_initiated", "order_confirmed", "return_initiated"] });
    expect(parsed.eventTypes).toEqual(["order_confirmed", "return_initiated"]);
    expect(endpointFieldsSchema.safeParse({ ...valid, eventTypes: ["shipped"] }).success).toBe(false);
  });

  it("takes a rate limit from 1 to 1000 whole deliveries per second", () => {
    for (const ok of [1, 250, 1000, null]) expect(endpointFieldsSchema.safeParse({ ...valid, rateLimitPerSecond: ok }).success).toBe(true);
    for (const bad of [0, 1001, 2.5, -1]) expect(endpointFieldsSchema.safeParse({ ...valid, rateLimitPerSecond: bad }).success).toBe(false);
  });

  it("refuses an empty URL, an over-long description, unknown formats and versions, and unknown keys", () => {
    expect(endpointFieldsSchema.safeParse({ ...valid, url: "  " }).success).toBe(false);
    expect(endpointFieldsSchema.safeParse({ ...valid, description: "x".repeat(201) }).success).toBe(false);
    expect(endpointFieldsSchema.safeParse({ ...valid, format: "yaml" }).success).toBe(false);
    expect(endpointFieldsSchema.safeParse({ ...valid, schemaVersion: "v3" }).success).toBe(false);
    expect(endpointFieldsSchema.safeParse({ ...valid, secret: "whsec_x" }).success).toBe(false);
  });

  it("lets a change name only what changes, and switch the endpoint off with a reason", () => {
    expect(endpointPatchSchema.parse({ enabled: false, disabledReason: " maintenance " })).toEqual({ enabled: false, disabledReason: "maintenance" });
    expect(endpointPatchSchema.safeParse({ eventTypes: [] }).success).toBe(false);
  });
});

describe("fieldErrorsFromMessage", () => {
  it("puts each reason under its field, keeping an SSRF reason that contains '; ' whole", () => {
    const message = "url: 10.0.0.1 is a private address; webhooks cannot target private networks; eventTypes: choose at least one event type";
    expect(fieldErrorsFromMessage(message)).toEqual({
      url: "10.0.0.1 is a private address; webhooks cannot target private networks",
      eventTypes: "choose at least one event type",
    });
  });

  it("maps the API's snake_case names and keeps anything else as a form-level error", () => {
    expect(fieldErrorsFromMessage("rate_limit_per_second: must be from 1 to 1000 per second")).toEqual({ rateLimitPerSecond: "must be from 1 to 1000 per second" });
    expect(fieldErrorsFromMessage(ENDPOINT_LIMIT_MESSAGE)).toEqual({ form: ENDPOINT_LIMIT_MESSAGE });
  });
});
