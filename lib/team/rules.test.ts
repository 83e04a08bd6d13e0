import { describe, expect, it } from "vitest";
import { acceptInviteSchema, inviteInputSchema, inviteState, wouldLeaveNoAdmin } from "@/lib/team/rules";

describe("team rules", () => {
  it("never leaves a partner without an admin", () => {
    const one = [{ id: "a" }];
    expect(wouldLeaveNoAdmin(one, "a", null)).toBe(true); // remove the last admin
    expect(wouldLeaveNoAdmin(one, "a", "partner_member")).toBe(true); // demote the last admin
    expect(wouldLeaveNoAdmin(one, "a", "partner_admin")).toBe(false);
    expect(wouldLeaveNoAdmin(one, "m", null)).toBe(false); // a member can always go
    expect(wouldLeaveNoAdmin([{ id: "a" }, { id: "b" }], "a", null)).toBe(false);
  });

  it("tells an invite's state", () => {
    const now = new Date("2026-11-30T10:00:00Z");
    const base = { acceptedAt: null, revokedAt: null, expiresAt: new Date("2026-12-01T00:00:00Z") };
    expect(inviteState(base, now)).toBe("pending");
    expect(inviteState({ ...base, expiresAt: new Date("2026-11-30T09:59:59Z") }, now)).toBe("expired");
    expect(inviteState({ ...base, acceptedAt: now }, now)).toBe("accepted");
    expect(inviteState({ ...base, revokedAt: now }, now)).toBe("revoked");
  });

  it("normalises emails and explains bad input", () => {
    expect(inviteInputSchema.parse({ email: " Lead@Acme.COM ", role: "partner_admin" }).email).toBe("lead@acme.com");
    const bad = inviteInputSchema.safeParse({ email: "nope", role: "support" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.message)).toEqual(["Enter a valid email address, e.g. name@company.com", "Choose a role: admin or member"]);
    const mismatch = acceptInviteSchema.safeParse({ name: "A", password: "x", confirm: "y" });
    expect(mismatch.error!.issues[0]!.message).toBe("The two passwords are not the same");
  });
});
