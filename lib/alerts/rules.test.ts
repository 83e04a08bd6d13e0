import { describe, expect, it } from "vitest";
import { AlertOverridesSchema, DEFAULT_RULES, describeRule, effectiveRules, incidentTarget, opsEventType } from "@/lib/alerts/rules";

describe("alert rules", () => {
  it("a partner's overrides sit on the defaults; what they leave out keeps the default", () => {
    const r = effectiveRules({ failure_rate: { thresholdPercent: 10 }, dead_letters_waiting: { enabled: false } });
    expect(r.failure_rate).toEqual({ ...DEFAULT_RULES.failure_rate, thresholdPercent: 10 });
    expect(r.dead_letters_waiting.enabled).toBe(false);
    expect(r.delivery_delay).toEqual(DEFAULT_RULES.delivery_delay);
  });

  it("a stored value that no longer parses falls back to the defaults instead of failing", () => {
    expect(effectiveRules({ failure_rate: { thresholdPercent: "lots" } })).toEqual(effectiveRules({}));
    expect(effectiveRules(null)).toEqual(effectiveRules({}));
  });

  it("refuses out-of-range and unknown settings with a sentence", () => {
    const bad = AlertOverridesSchema.safeParse({ failure_rate: { thresholdPercent: 0 }, delivery_delay: { windowSeconds: 5 } });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.message)).toEqual(["must be from 1 to 100 %", "must be at least 10 s"]);
    expect(AlertOverridesSchema.safeParse({ failure_rate: { threshold: 5 } }).success).toBe(false);
  });

  it("maps each transition to its operational webhook type", () => {
    expect(opsEventType("endpoint_disabled", "opened")).toBe("endpoint.disabled");
    expect(opsEventType("failure_rate", "opened")).toBe("endpoint.failing");
    expect(opsEventType("delivery_delay", "opened")).toBe("endpoint.failing");
    expect(opsEventType("dead_letters_waiting", "resolved")).toBe("endpoint.recovered");
    expect(opsEventType("intake_failures", "opened")).toBe("order_source.failing");
    expect(opsEventType("intake_failures", "resolved")).toBe("order_source.recovered");
  });

  it("names what an incident is about: an endpoint by its URL, an order source by its name with a link to its failures", () => {
    expect(incidentTarget({ rule: "failure_rate", endpointId: "ep_1", endpointUrl: "https://hooks.acme.test/wp" })).toEqual({ kind: "endpoint", id: "ep_1", url: "https://hooks.acme.test/wp", label: "https://hooks.acme.test/wp" });
    expect(incidentTarget({ rule: "intake_failures", endpointId: "src_a b", endpointUrl: "Kettle Shopify" })).toEqual({
      kind: "order_source",
      id: "src_a b",
      name: "Kettle Shopify",
      label: "order source 'Kettle Shopify'",
      href: "/intake?source=src_a%20b",
    });
  });

  it("describes the effective settings in words", () => {
    expect(describeRule("failure_rate", effectiveRules({}))).toBe("More than 20 % of delivery attempts failed in 15 min (at least 10 attempts).");
    expect(describeRule("dead_letters_waiting", effectiveRules({ dead_letters_waiting: { olderThanSeconds: 7200 } }))).toBe("A dead-letter has waited for a retry longer than 2 h.");
  });
});
