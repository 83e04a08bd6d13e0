import { describe, expect, it } from "vitest";
import { checkPasswordStrength } from "@/lib/auth/password-strength";

const inputs = ["dev@urbankart.test", "Tara Joseph", "waypoint"];

describe("checkPasswordStrength", () => {
  it("accepts long passwords that are hard to guess", () => {
    expect(checkPasswordStrength("Tangerine-Bicycle-Orbit-42", inputs)).toEqual({ ok: true });
    expect(checkPasswordStrength("correct horse battery staple", inputs)).toEqual({ ok: true });
  });

  it("asks for 10 characters before judging anything else", () => {
    expect(checkPasswordStrength("x7#Qp!2z", inputs)).toEqual({ ok: false, message: "Use at least 10 characters." });
  });

  it("rejects common passwords with zxcvbn's advice", () => {
    expect(checkPasswordStrength("password123", inputs)).toEqual({ ok: false, message: expect.stringMatching(/commonly used password.*less common/) });
    expect(checkPasswordStrength("Password1!", inputs)).toEqual({ ok: false, message: expect.stringMatching(/similar to a commonly used password/) });
    expect(checkPasswordStrength("qwertyuiop", inputs)).toMatchObject({ ok: false });
  });

  it("rejects passwords built from the person's own email, name or the product name", () => {
    for (const password of ["waypoint-demo", "urbankart2024", "tarajoseph12"]) {
      expect(checkPasswordStrength(password, inputs), password).toMatchObject({ ok: false });
    }
    expect(checkPasswordStrength("urbankart2024", inputs)).toEqual({ ok: false, message: expect.stringContaining("Don't use your name, your email address or the word Waypoint") });
  });

  it("judges the same password differently for different people", () => {
    expect(checkPasswordStrength("MeenakshiSundaram", ["meenakshi@example.test", "Meenakshi Sundaram"])).toMatchObject({ ok: false });
    expect(checkPasswordStrength("MeenakshiSundaram", ["dev@urbankart.test", "Tara Joseph"])).toEqual({ ok: true });
  });

  it("caps the length (bcrypt reads only 72 bytes; anything longer is a paste accident)", () => {
    expect(checkPasswordStrength("a".repeat(201), inputs)).toEqual({ ok: false, message: "Use at most 200 characters." });
  });
});
