// The mailbox's one HTML page: newest mail first, each HTML body in a sandboxed iframe (no
// scripts, no same-origin) so a mail cannot act on the page; the links listed for clicking.
import type { CaughtMessage } from "@/lib/mail/mailbox-server";

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

function messageCard(m: CaughtMessage): string {
  const body = m.html
    ? `<iframe sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="${escapeHtml(m.html)}"></iframe>`
    : `<pre>${escapeHtml(m.text)}</pre>`;
  const links = m.links.map((l) => `<li><a href="${escapeHtml(l)}" target="_blank" rel="noreferrer">${escapeHtml(l)}</a></li>`).join("");
  return `<article>
  <h2>${escapeHtml(m.subject || "(no subject)")}</h2>
  <p class="meta">To ${escapeHtml(m.to.join(", "))} · from ${escapeHtml(m.from)} · ${escapeHtml(m.date)}</p>
  ${links ? `<ul class="links">${links}</ul>` : ""}
  <details open><summary>Message</summary>${body}</details>
</article>`;
}

export function renderMailboxPage(messages: CaughtMessage[]): string {
  const list = messages.length ? messages.map(messageCard).join("\n") : `<p class="meta">No mail yet. Point the app at it with SMTP_URL=smtp://127.0.0.1:2525.</p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Waypoint mailbox (${messages.length})</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 24px auto; max-width: 860px; color: #18181b; }
  article { border: 1px solid #e4e4e7; border-radius: 8px; padding: 16px; margin: 16px 0; }
  h2 { font-size: 17px; margin: 0 0 4px; }
  .meta { color: #71717a; font-size: 13px; margin: 0 0 8px; }
  .links { font-size: 13px; word-break: break-all; }
  iframe { width: 100%; height: 480px; border: 1px solid #e4e4e7; border-radius: 4px; }
  pre { white-space: pre-wrap; font-size: 13px; }
</style></head>
<body>
<h1>Waypoint mailbox</h1>
<p class="meta">${messages.length} message(s), newest first · <a href="/">refresh</a> · JSON at <a href="/api/messages">/api/messages</a></p>
${list}
</body></html>`;
}
