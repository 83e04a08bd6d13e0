// The start-up banner of `npm run dev`: every URL and the demo sign-ins, in one place. Pure.
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/lib/dev/demo-accounts";
import { DEMO_ENDPOINTS } from "@/lib/dev/demo-endpoints";

export type BannerInput = {
  appUrl: string;
  database: string;
  receiverUrl: string | null;
  mailUrl: string | null;
  traffic: { intervalMs: number } | null;
  /** Why the demo world is off, when it is. */
  refused?: string | null;
  seconds: number;
};

export function bannerLines(input: BannerInput): string[] {
  const off = (name: string) => `off (${name}=0 was set, or DEMO=0)`;
  const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.label.length));
  const lines = [
    "",
    `━━ Waypoint is ready in ${input.seconds.toFixed(0)} s (development) ━━`,
    `  App             ${input.appUrl}`,
    `  Database        ${input.database}`,
  ];
  if (input.refused) lines.push(`  Demo world      not started: ${input.refused}`);
  else {
    lines.push(
      `  Webhook receiver ${input.receiverUrl ? `${input.receiverUrl}/__receiver/requests (what arrived) · ${input.receiverUrl}/__receiver/modes (how each path answers)` : off("DEMO_RECEIVER")}`,
      `  Mail catcher    ${input.mailUrl ?? off("DEMO_MAILBOX")}${input.mailUrl ? " (invites, password links, alerts)" : ""}`,
      `  Demo traffic    ${input.traffic ? `a few orders move every ${input.traffic.intervalMs / 1000} s through POST /api/v1/orders` : off("DEMO_TRAFFIC")}`,
    );
    if (input.receiverUrl) {
      lines.push("  Demo endpoints");
      for (const e of DEMO_ENDPOINTS) lines.push(`    ${e.partner.padEnd(18)} ${e.path.padEnd(32)} ${e.behaviour}`);
    }
  }
  lines.push(`  Sign in (password ${DEMO_PASSWORD}; in development the sign-in page signs in with one click)`);
  for (const a of DEMO_ACCOUNTS) lines.push(`    ${a.label.padEnd(width)}  ${a.email}`);
  lines.push("  Switches: DEMO_RECEIVER=0 DEMO_MAILBOX=0 DEMO_TRAFFIC=0 (DEMO=0: all off) · npm run dev -- --reset starts from a clean demo", "");
  return lines;
}
