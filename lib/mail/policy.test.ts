import { describe, expect, it } from "vitest";
import { decideAfterMailFailure, MAIL_RETRY_SCHEDULE_S } from "@/lib/mail/policy";

describe("mail retry schedule", () => {
  const now = new Date("2026-05-01T10:00:00Z");

  it("retries after 30 s, 2 min, 8 min, 30 min and 2 h", () => {
    expect(MAIL_RETRY_SCHEDULE_S).toEqual([30, 120, 480, 1800, 7200]);
    const delays = MAIL_RETRY_SCHEDULE_S.map((_, i) => decideAfterMailFailure(i + 1, now));
    expect(delays.map((d) => (d.kind === "retry" ? d.delaySeconds : null))).toEqual([30, 120, 480, 1800, 7200]);
    expect(delays[0]).toEqual({ kind: "retry", delaySeconds: 30, at: new Date("2026-05-01T10:00:30Z") });
  });

  it("gives up after the sixth failed send (the first plus five retries)", () => {
    expect(decideAfterMailFailure(MAIL_RETRY_SCHEDULE_S.length + 1, now)).toEqual({ kind: "dead_letter" });
  });

  it("never waits less after a later failure", () => {
    for (let i = 1; i < MAIL_RETRY_SCHEDULE_S.length; i++) expect(MAIL_RETRY_SCHEDULE_S[i]!).toBeGreaterThan(MAIL_RETRY_SCHEDULE_S[i - 1]!);
  });
});
