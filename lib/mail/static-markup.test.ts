import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { render, toPlainText } from "@react-email/render";
import { composeMail } from "@/lib/mail/render-mail";
import { renderStaticMarkup } from "@/lib/mail/static-markup";
import { TEMPLATE_CASES } from "@/lib/mail/template-cases";

// React's own markers (Suspense boundaries, text-node separators, hoisting hints) and the doctype
// are the only differences allowed between react-dom and the fallback renderer.
const normalize = (html: string) => html.replace(/<!DOCTYPE[^>]*>/, "").replace(/<!--(?:\$|\/\$|html|head|body| )-->/g, "");

describe("the static renderer (for processes where react-dom/server cannot load)", () => {
  const hostile = { kind: "invite", partnerName: `<b>"Acme" & 'Co'</b>`, inviterName: "Eve", role: "partner_member", url: "https://x.test/?a=1&b=<2>", expiresAt: new Date() } as const;

  it.each([...TEMPLATE_CASES.map((c) => c.template), hostile])("renders $kind exactly as react-dom does", async (template) => {
    const { element } = composeMail(template);
    const viaReactDom = await render(element);
    const viaStatic = renderStaticMarkup(element);
    expect(normalize(viaStatic)).toBe(normalize(viaReactDom));
    expect(toPlainText(viaStatic)).toBe(toPlainText(viaReactDom));
  });

  it("writes styles, attributes and void tags the way React does", () => {
    const node = createElement("div", { className: "a", "data-x": true, hidden: true, onClick: () => {}, style: { marginTop: 8, opacity: 0, fontWeight: 700, lineHeight: "1px", msoPaddingAlt: "0px", color: undefined } }, createElement("br"), "x & y");
    expect(renderStaticMarkup(node)).toBe('<div class="a" data-x="true" hidden="" style="margin-top:8px;opacity:0;font-weight:700;line-height:1px;mso-padding-alt:0px"><br/>x &amp; y</div>');
  });
});
