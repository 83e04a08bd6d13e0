import { describe, expect, it } from "vitest";
import { countSegments } from "@/lib/sms/segments";

describe("countSegments", () => {
  it("an empty text costs nothing", () => {
    expect(countSegments("")).toMatchObject({ encoding: "GSM-7", units: 0, segments: 0, remaining: 160 });
  });

  it("fits 160 GSM-7 characters in one SMS and splits at 161 into 153-character parts", () => {
    expect(countSegments("a".repeat(160))).toMatchObject({ encoding: "GSM-7", segments: 1, perSegment: 160, remaining: 0 });
    expect(countSegments("a".repeat(161))).toMatchObject({ segments: 2, perSegment: 153, remaining: 153 * 2 - 161 });
    expect(countSegments("a".repeat(306)).segments).toBe(2);
    expect(countSegments("a".repeat(307)).segments).toBe(3);
  });

  it("counts GSM extension characters (€ [ ] { } ~ ^ | \\) twice", () => {
    const text = "€".repeat(80);
    expect(countSegments(text)).toMatchObject({ encoding: "GSM-7", characters: 80, units: 160, segments: 1 });
    expect(countSegments(`${text}a`)).toMatchObject({ units: 161, segments: 2 });
  });

  it("never splits an escape pair across two parts", () => {
    // 152 plain characters then a €: the € cannot take place 153 alone, so part 1 ends early.
    const count = countSegments(`${"a".repeat(152)}€${"a".repeat(10)}`);
    expect(count.units).toBe(164);
    expect(count.segments).toBe(2);
    expect(count.remaining).toBe(153 - 12);
  });

  it("switches the whole text to UCS-2 for one non-GSM character, naming it", () => {
    const count = countSegments("Your order is on its way – see you soon");
    expect(count).toMatchObject({ encoding: "UCS-2", segments: 1, perSegment: 70, nonGsm: ["–"] });
    expect(countSegments("न".repeat(70))).toMatchObject({ encoding: "UCS-2", segments: 1, remaining: 0 });
    expect(countSegments("न".repeat(71))).toMatchObject({ segments: 2, perSegment: 67 });
    expect(countSegments("न".repeat(134)).segments).toBe(2);
    expect(countSegments("न".repeat(135)).segments).toBe(3);
  });

  it("counts an emoji as one character but two UCS-2 units, never split", () => {
    const count = countSegments("🚚");
    expect(count).toMatchObject({ encoding: "UCS-2", characters: 1, units: 2, nonGsm: ["🚚"] });
    const split = countSegments(`${"a".repeat(66)}🚚${"a".repeat(10)}`);
    expect(split.units).toBe(78);
    expect(split.segments).toBe(2);
    expect(split.remaining).toBe(67 - 12);
  });

  it("keeps GSM-7's accented letters (é, ü, Ñ, ù) in GSM-7 but not ú, ç or ₹", () => {
    expect(countSegments("Café über Ñoño où").encoding).toBe("GSM-7");
    expect(countSegments("Ñandú").nonGsm).toEqual(["ú"]);
    expect(countSegments("Pay ₹499").nonGsm).toEqual(["₹"]);
    expect(countSegments("façade").nonGsm).toEqual(["ç"]);
  });
});
