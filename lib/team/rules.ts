import { z } from "zod";

// Team rules shared by the server and the forms.
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export const TEAM_ROLES = ["partner_admin", "partner_member"] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];
export const TEAM_ROLE_LABEL: Record<TeamRole, string> = { partner_admin: "Admin", partner_member: "Member" };

export const inviteInputSchema = z.object({
  // Trimmed and lower-cased before it is checked: a pasted " Lead@Acme.COM " is a valid address.
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address, e.g. name@company.com").max(200, "Use at most 200 characters")),
  role: z.enum(TEAM_ROLES, "Choose a role: admin or member"),
});
export type InviteInput = z.input<typeof inviteInputSchema>;

export const acceptInviteSchema = z
  .object({
    name: z.string().trim().min(1, "Enter your name").max(100, "Use at most 100 characters for your name"),
    password: z.string().max(200, "Use at most 200 characters"),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords are not the same" });

/** Whether removing or demoting `target` would leave the partner without an admin. */
export function wouldLeaveNoAdmin(admins: { id: string }[], targetId: string, newRole: TeamRole | null): boolean {
  const isAdmin = admins.some((a) => a.id === targetId);
  if (!isAdmin || newRole === "partner_admin") return false;
  return admins.length <= 1;
}

export type InviteState = "pending" | "expired" | "accepted" | "revoked";

export function inviteState(invite: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now = new Date()): InviteState {
  if (invite.acceptedAt) return "accepted";
  if (invite.revokedAt) return "revoked";
  return invite.expiresAt <= now ? "expired" : "pending";
}
