// The demo sign-ins the seed creates (prisma/seed-data.ts), listed by `npm run dev`, the README and
// the sign-in page in development (lib/dev/demo-sign-in.ts decides when). Pure data.

export const DEMO_PASSWORD = "waypoint-demo";

export type DemoAccount = {
  email: string;
  name: string;
  role: "support" | "partner_admin" | "partner_member";
  /** How the sign-in page and the banner describe the account. */
  label: string;
  partner: string | null;
};

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: "support@waypoint.test", name: "Sam Support", role: "support", label: "Support staff", partner: null },
  { email: "owner@kettleandcrumb.test", name: "Neha Kapoor", role: "partner_admin", label: "SMB merchant admin", partner: "Kettle & Crumb" },
  { email: "lead@urbankart.test", name: "Arjun Mehta", role: "partner_admin", label: "Integration lead (growth)", partner: "UrbanKart" },
  { email: "dev@urbankart.test", name: "Tara Joseph", role: "partner_member", label: "Developer, member (growth)", partner: "UrbanKart" },
  { email: "integrations@sportsline.test", name: "Dev Patel", role: "partner_admin", label: "Integration lead (enterprise)", partner: "Sportsline Retail" },
];
