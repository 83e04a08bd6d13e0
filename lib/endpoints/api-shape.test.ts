import { describe, expect, it } from "vitest";
import { createEndpointBodySchema, patchEndpointBodySchema, testEventBodySchema, toApiEndpoint } from "./api-shape";

describe("partner API endpoint bodies", () => {
  it("reads snake_case into the same settings the dashboard uses", () => {
    expect(createEndpointBodySchema.parse({ url: "https://a.example/h", event_types: ["delivered", "order_confirmed"], schema_version: "v1", rate_limit_per_second: 50 })).toEqual({
      url: "https://a.example/h",
      description: "",
      eventTypes: ["order_confirmed", "delivered"],
      format: "json",
      schemaVersion: "v1",
      rateLimitPerSecond: 50,
    });
  });

  it("refuses camelCase or unknown keys rather than silently ignoring them", () => {
    expect(createEndpointBodySchema.safeParse({ url: "https://a.example/h", eventTypes: ["delivered"] }).success).toBe(false);
    expect(patchEndpointBodySchema.safeParse({ secret: "x" }).success).toBe(false);
  });

  it("turns a PATCH into a change of only the keys sent", () => {
    expect(patchEndpointBodySchema.parse({ enabled: false, disabled_reason: "migrating" })).toEqual({ enabled: false, disabledReason: "migrating" });
    expect(patchEndpointBodySchema.parse({})).toEqual({});
  });

  it("accepts a test event by type, optionally repeating a previewed id", () => {
    expect(testEventBodySchema.safeParse({ event_type: "delivered" }).success).toBe(true);
    expect(testEventBodySchema.safeParse({ event_type: "delivered", event_id: "evt_test_abc123" }).success).toBe(true);
    expect(testEventBodySchema.safeParse({ event_type: "delivered", event_id: "evt_real" }).success).toBe(false);
    expect(testEventBodySchema.safeParse({ event_type: "picked_up" }).success).toBe(false);
  });

  it("never puts a secret in an endpoint's JSON", () => {
    const json = toApiEndpoint({
      id: "ep_1", url: "https://a.example/h", destinationType: "http", destination: null, credentials: null, description: "", eventTypes: ["delivered"], format: "json", schemaVersion: "v2",
      enabled: true, disabledReason: null, disabledAt: null, rateLimitPerSecond: null, createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-01-01T00:00:00.000Z", secret: { createdAt: "2026-01-01T00:00:00.000Z", previousExpiresAt: null },
    });
    expect(json.signing_secret).toEqual({ masked: "whsec_••••", created_at: "2026-01-01T00:00:00.000Z", previous_expires_at: null });
    expect(JSON.stringify(json)).not.toMatch(/whsec_[A-Za-z0-9+/]/);
  });

  it("shows a broker destination's settings and the kind of its credentials, never the password", () => {
    const json = toApiEndpoint({
      id: "ep_2", url: "amqp://broker.example:5672/orders", destinationType: "rabbitmq", destination: { exchange: "waypoint", routingKey: "waypoint.{event_type}" },
      credentials: { kind: "password", username: "erp" }, description: "", eventTypes: ["delivered"], format: "json", schemaVersion: "v2",
      enabled: true, disabledReason: null, disabledAt: null, rateLimitPerSecond: null, createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-01-01T00:00:00.000Z", secret: null,
    });
    expect(json).toMatchObject({ destination_type: "rabbitmq", destination: { exchange: "waypoint", routing_key: "waypoint.{event_type}" }, credentials: { kind: "password", username: "erp" } });
    expect(JSON.stringify(json)).not.toMatch(/password"\s*:\s*"/);
  });

  it("takes a broker destination in snake_case and passes write-only credentials through", () => {
    const fields = createEndpointBodySchema.parse({
      url: "amqp://broker.example/orders", event_types: ["delivered"], destination_type: "rabbitmq",
      destination: { exchange: "waypoint", routing_key: "orders.{event_type}" }, credentials: { username: "erp", password: "s3cret" },
    });
    expect(fields).toMatchObject({ destinationType: "rabbitmq", destination: { exchange: "waypoint", routingKey: "orders.{event_type}" }, credentials: { username: "erp", password: "s3cret" } });
    expect(patchEndpointBodySchema.parse({ credentials: null })).toEqual({ credentials: null });
  });
});
