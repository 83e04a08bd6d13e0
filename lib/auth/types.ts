export type Role = "partner_admin" | "partner_member" | "support";

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  partnerId: string | null;
  // Must equal the user's row: a password reset or removal bumps it and ends older sessions.
  sessionVersion: number;
};
