import { describe, expect, it } from "vitest";
import { EVENT_TYPES } from "@/lib/events/catalog";
import { DEFAULT_SMS_TEMPLATES } from "@/lib/sms/defaults";
import { describeProblem, emptyForEvent, templateProblems } from "@/lib/sms/placeholders";
import { countSegments } from "@/lib/sms/segments";

describe("templateProblems", () => {
  it("accepts known placeholders, with or without inner spaces", () => {
    expect(templateProblems("Hi {{customer_name}}, OTP {{ otp }}")).toEqual([]);
  });

  it("flags each unknown placeholder once, by name", () => {
    const problems = templateProblems("Hi {{first_name}} {{first_name}}, {{otp}} {{ETA}}");
    expect(problems).toEqual([
      { kind: "unknown_placeholder", name: "first_name" },
      { kind: "unknown_placeholder", name: "ETA" },
    ]);
    expect(describeProblem(problems[0]!)).toMatch(/^\{\{first_name\}\} is not a placeholder\. Use one of: \{\{customer_name\}\}/);
  });

  it("flags braces that were never closed", () => {
    expect(templateProblems("Your OTP is {{otp")).toEqual([{ kind: "unclosed_braces" }]);
    expect(templateProblems("Your OTP is otp}}")).toEqual([{ kind: "unclosed_braces" }]);
    expect(templateProblems("Prices in {curly} braces are fine")).toEqual([]);
  });
});

describe("emptyForEvent", () => {
  it("names placeholders that carry no value for the event", () => {
    expect(emptyForEvent("Delivered! OTP {{otp}}, rider {{rider_name}}", "delivered")).toEqual(["otp"]);
    expect(emptyForEvent("{{otp}} {{eta_window}}", "out_for_delivery")).toEqual([]);
  });
});

describe("default templates", () => {
  it.each(EVENT_TYPES)("%s: only known placeholders, each with a value for the event, GSM-7", (event) => {
    const body = DEFAULT_SMS_TEMPLATES[event];
    expect(templateProblems(body)).toEqual([]);
    expect(emptyForEvent(body, event)).toEqual([]);
    expect(countSegments(body).encoding).toBe("GSM-7");
  });
});
