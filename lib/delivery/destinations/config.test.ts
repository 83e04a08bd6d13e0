import { describe, expect, it } from "vitest";
import { destinationIssues, describeDestination, normalisedSettings, parseBrokerUrl, routeFor, summariseCredentials } from "./config";
import { endpointFieldsSchema } from "@/lib/endpoints/rules";

describe("destination settings", () => {
  it("routes by event type, or to a fixed key", () => {
    expect(routeFor("waypoint.{event_type}", "out_for_delivery")).toBe("waypoint.out_for_delivery");
    expect(routeFor("orders", "delivered")).toBe("orders");
  });

  it("parses broker URLs, splits credentials off and shows them without", () => {
    const rabbit = parseBrokerUrl("rabbitmq", "amqp://erp:p%40ss@broker.example/orders");
    expect(rabbit).toMatchObject({ ok: true, url: { scheme: "amqp", host: "broker.example", port: 5672, vhost: "orders", username: "erp", password: "p@ss", display: "amqp://broker.example:5672/orders" } });
    expect(parseBrokerUrl("rabbitmq", "amqps://broker.example")).toMatchObject({ ok: true, url: { port: 5671, vhost: "/", display: "amqps://broker.example:5671" } });
    expect(parseBrokerUrl("rabbitmq", "amqp://b.example/%2Forders")).toMatchObject({ ok: true, url: { vhost: "/orders", display: "amqp://b.example:5672/%2Forders" } });
    expect(parseBrokerUrl("nats", "nats://n.example")).toMatchObject({ ok: true, url: { port: 4222, display: "nats://n.example:4222" } });
    expect(parseBrokerUrl("nats", "https://n.example")).toEqual({ ok: false, reason: "NATS JetStream URLs start with nats:// or tls:// (got https://)" });
    expect(parseBrokerUrl("rabbitmq", "amqp://b.example/a/b")).toMatchObject({ ok: false });
    expect(parseBrokerUrl("nats", "nats://n.example/path")).toMatchObject({ ok: false });
  });

  it("names each wrong field for its type", () => {
    expect(destinationIssues({ destinationType: "rabbitmq", url: "https://x.example", destination: { exchange: "" } })).toEqual([
      { field: "url", message: "RabbitMQ URLs start with amqp:// or amqps:// (got https://)" },
      { field: "exchange", message: "is required (the exchange must already exist)" },
    ]);
    expect(destinationIssues({ destinationType: "nats", url: "nats://n.example", destination: { subject: "orders.*" } })[0]?.field).toBe("subject");
    expect(destinationIssues({ destinationType: "rabbitmq", url: "amqp://b.example", destination: { exchange: "x" }, credentials: { token: "t" } })).toEqual([
      { field: "credentials", message: "RabbitMQ takes a username and password" },
    ]);
    expect(destinationIssues({ destinationType: "http", url: "https://x.example", destination: null })).toEqual([]);
    // A form that switched from RabbitMQ to NATS may still carry the exchange: only the type's own settings count.
    expect(destinationIssues({ destinationType: "nats", url: "nats://n.example", destination: { exchange: "x" } })).toEqual([]);
    expect(normalisedSettings("nats", { exchange: "x" })).toEqual({ subject: "waypoint.{event_type}" });
    expect(normalisedSettings("rabbitmq", { exchange: "orders", routingKey: "" })).toEqual({ exchange: "orders", routingKey: "waypoint.{event_type}" });
  });

  it("is enforced by the form's schema", () => {
    const parsed = endpointFieldsSchema.safeParse({ url: "amqp://b.example", eventTypes: ["delivered"], destinationType: "rabbitmq", destination: { exchange: "amq.topic" } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path[0], i.message])).toEqual([["exchange", "amq.* exchanges are reserved by RabbitMQ"]]);
    expect(endpointFieldsSchema.parse({ url: "https://a.example", eventTypes: ["delivered"] })).toEqual({ url: "https://a.example", eventTypes: ["delivered"], description: "", format: "json", schemaVersion: "v2", rateLimitPerSecond: null });
  });

  it("describes where a delivery goes and what credentials are stored, never the secret", () => {
    expect(describeDestination("rabbitmq", "amqp://b.example:5672", { exchange: "x", routingKey: "w.{event_type}" }, "delivered")).toBe('amqp://b.example:5672 → exchange "x", routing key "w.delivered"');
    expect(describeDestination("nats", "nats://n.example:4222", { subject: "w.{event_type}" })).toBe('nats://n.example:4222 → subject "w.{event_type}"');
    expect(summariseCredentials({ username: "u", password: "p" })).toEqual({ kind: "password", username: "u" });
    expect(summariseCredentials({ token: "t" })).toEqual({ kind: "token" });
  });
});
