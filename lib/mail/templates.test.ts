import { describe, expect, it } from "vitest";
import { extractLinks } from "@/lib/mail/links";
import { renderMail } from "@/lib/mail/render-mail";
import { expiresAt, TEMPLATE_CASES, url } from "@/lib/mail/template-cases";

describe("mail templates", () => {
  // Each kind: its link and the facts a reader needs, in both the HTML and the text part.
  it.each(TEMPLATE_CASES)("$template.kind renders HTML and text with its link and facts", async ({ template, link, subject, facts }) => {
    const mail = await renderMail(template);
    expect(mail.subject).toBe(subject);
    expect(mail.html).toMatch(/^<!DOCTYPE html/);
    expect(mail.html).toContain(`href="${link.replace(/&/g, "&amp;")}"`);
    expect(extractLinks(mail.text)).toContain(link);
    expect(extractLinks(mail.html)).toContain(link);
    const visible = mail.html.replace(/&#x27;|&#39;/g, "'");
    for (const fact of facts) {
      expect(mail.text).toContain(fact);
      expect(visible).toContain(fact);
    }
    expect(`${mail.html}${mail.text}`).toContain("Waypoint".toUpperCase());
  });

  it("says one delivery, not one deliveries", async () => {
    const mail = await renderMail({ kind: "dead_letters_waiting", partnerName: "Acme", count: 1, dashboardUrl: "http://x.test/events" });
    expect(mail.subject).toBe("Acme: 1 webhook delivery failed and is waiting");
  });

  it("escapes names in the HTML and keeps line breaks out of the subject", async () => {
    const mail = await renderMail({ kind: "invite", partnerName: "<b>Evil</b>\r\nBcc: x@evil.test", inviterName: "Eve", role: "partner_member", url, expiresAt });
    expect(mail.html).not.toContain("<b>Evil</b>");
    expect(mail.html).toContain("&lt;b&gt;Evil&lt;/b&gt;");
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.text).toContain("as a member");
  });
});
