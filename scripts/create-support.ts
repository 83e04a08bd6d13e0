import os from "node:os";
import { parseArgs } from "node:util";
import { z } from "zod";
import { emailSchema } from "@/lib/auth/password-form";
import { createSupportUser, resendSetPasswordLink } from "@/lib/auth/support-accounts";
import { db } from "@/lib/db/client";

// `npm run admin:create-support -- --email ops@example.com --name "Ops Person"`: the first
// support user of a fresh install (and any later one). Prints a one-time link to choose a
// password; it does not mail it, so it works before mail is configured.
// Exit codes: 0 created, already there (nothing changed) or link re-issued; 1 the email belongs
// to a partner user or the link can't be re-issued; 2 bad arguments.

const USAGE = `Usage: npm run admin:create-support -- --email <email> --name "<full name>"
       npm run admin:create-support -- --email <email> --resend-link

  --email        the person's work email (their sign-in name)
  --name         their full name, shown in the audit log
  --resend-link  print a new set-password link for a support user who has not chosen a password yet`;

const argsSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, "Enter the person's name with --name.").max(100).optional(),
  "resend-link": z.boolean().optional(),
});

function fail(message: string, code: number): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(code);
}

function readArgs() {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, "resend-link": { type: "boolean" }, help: { type: "boolean" } } }).values;
  } catch (error) {
    return fail((error as Error).message, 2);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (values.email === undefined) fail("Missing --email.", 2);
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) fail(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n"), 2);
  if (!parsed.data["resend-link"] && !parsed.data.name) fail("Missing --name.", 2);
  return parsed.data;
}

const printLink = (link: { url: string; expiresAt: Date }) =>
  console.log(`\nSend this link to the person; they choose their password there. It works once, until ${link.expiresAt.toISOString()} (24 hours):\n\n  ${link.url}\n`);

const args = readArgs();
// The audit log's "who": whoever ran the command, on which machine.
const actor = { id: null, email: `command line (${os.userInfo().username}@${os.hostname()})` };
let exitCode = 0;
if (args["resend-link"]) {
  const result = await resendSetPasswordLink(args.email, actor);
  if (result.status === "resent") {
    console.log(`New set-password link for ${args.email}; earlier links no longer work.`);
    printLink(result.link);
  } else {
    exitCode = 1;
    console.error(
      {
        missing: `No user with the email ${args.email}. Create one with --name instead of --resend-link.`,
        not_support: `${args.email} is a partner user, not support staff. Nothing changed.`,
        has_password: `${args.email} has already chosen a password. They can use "Forgot password?" on the sign-in page. Nothing changed.`,
      }[result.status],
    );
  }
} else {
  const result = await createSupportUser({ email: args.email, name: args.name! }, actor);
  if (result.status === "created") {
    console.log(`Created support user ${args.name} <${args.email}>. Nobody can sign in as them until they choose a password.`);
    printLink(result.link);
  } else if (result.role !== "support") {
    exitCode = 1;
    console.error(`${args.email} already belongs to a partner user (${result.role}). Nothing changed.`);
  } else {
    console.log(`A support user with the email ${args.email} already exists. Nothing changed.`);
    if (!result.hasPassword) console.log("They have not chosen a password yet. For a new link run it again with --resend-link.");
  }
}
await db.$disconnect();
process.exit(exitCode);
