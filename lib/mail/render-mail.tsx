import type { ReactElement } from "react";
import { render, toPlainText } from "@react-email/render";
import { renderStaticMarkup } from "@/lib/mail/static-markup";
import type { MailTemplate } from "@/lib/mail/types";
import { DeadLettersWaitingEmail, deadLettersWaitingSubject } from "@/lib/mail/templates/dead-letters-waiting";
import { EndpointDisabledEmail, endpointDisabledSubject } from "@/lib/mail/templates/endpoint-disabled";
import { IncidentEmail, incidentSubject } from "@/lib/mail/templates/incident";
import { IntakeFailuresEmail, intakeFailuresSubject } from "@/lib/mail/templates/intake-failures";
import { InviteEmail, inviteSubject } from "@/lib/mail/templates/invite";
import { PasswordResetEmail, passwordResetSubject } from "@/lib/mail/templates/password-reset";
import { SetPasswordEmail, setPasswordSubject } from "@/lib/mail/templates/set-password";
import { V1SunsetEmail, v1SunsetSubject } from "@/lib/mail/templates/v1-sunset";

export type RenderedMail = { subject: string; html: string; text: string };

/** The subject and the React element of a template (exported for the renderer equivalence test). */
export function composeMail(t: MailTemplate): { subject: string; element: ReactElement } {
  switch (t.kind) {
    case "set_password":
      return { subject: setPasswordSubject(), element: <SetPasswordEmail {...t} /> };
    case "invite":
      return { subject: inviteSubject(t), element: <InviteEmail {...t} /> };
    case "password_reset":
      return { subject: passwordResetSubject(), element: <PasswordResetEmail {...t} /> };
    case "endpoint_disabled":
      return { subject: endpointDisabledSubject(t), element: <EndpointDisabledEmail {...t} /> };
    case "dead_letters_waiting":
      return { subject: deadLettersWaitingSubject(t), element: <DeadLettersWaitingEmail {...t} /> };
    case "intake_failures":
      return { subject: intakeFailuresSubject(t), element: <IntakeFailuresEmail {...t} /> };
    case "incident":
      return { subject: incidentSubject(t), element: <IncidentEmail {...t} /> };
    case "v1_sunset":
      return { subject: v1SunsetSubject(t), element: <V1SunsetEmail {...t} /> };
  }
}

/** The HTML and the plain-text part from one template, so the two never say different things. */
export async function renderMail(template: MailTemplate): Promise<RenderedMail> {
  const { subject, element } = composeMail(template);
  const html = await toHtml(element);
  // Partner names and URLs end up in a header: a line break there would start a new header.
  return { subject: subject.replace(/[\r\n\t]+/g, " ").trim(), html, text: toPlainText(html).trim() };
}

// What @react-email/render puts first; the static renderer gets the same.
const DOCTYPE = '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';
let reactDomServerUnavailable = false;

/**
 * react-dom/server refuses to load under the react-server condition, which tsx scripts and
 * workers importing "server-only" code run with. There the templates go through the small
 * static renderer instead (same markup; see static-markup.test.ts). Inside Next.js, react-dom
 * is bundled for the server and @react-email/render works.
 */
async function toHtml(element: ReactElement): Promise<string> {
  if (!reactDomServerUnavailable) {
    try {
      return await render(element);
    } catch (error) {
      if (!(error instanceof Error && /not supported in React Server Components/.test(error.message))) throw error;
      reactDomServerUnavailable = true;
    }
  }
  return `${DOCTYPE}${renderStaticMarkup(element)}`;
}
