// Pure helpers for SMTP failures, kept apart from the transport so unit tests can read them.

/**
 * The URL's user and password in every spelling an error message might quote them: as written,
 * decoded, and base64 as AUTH LOGIN and AUTH PLAIN send them. Very short values are left out:
 * replacing "ab" everywhere would garble the message and hide nothing worth hiding.
 */
export function credentialsOf(url: URL): string[] {
  const decoded = [url.username, url.password].map((s) => decodeURIComponent(s));
  const plainToken = `\0${decoded[0]}\0${decoded[1]}`;
  const spellings = [url.username, url.password, ...decoded, ...decoded.map(base64), base64(plainToken)];
  // Longest first, so a secret containing another is replaced whole.
  return [...new Set(spellings)].filter((s) => s.length >= 3).sort((a, b) => b.length - a.length);
}
const base64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

/**
 * A readable, storable reason: it goes into EmailMessage.lastError and the logs, so it must
 * never carry the SMTP credentials, whatever the server or the library chose to quote.
 */
export function describeSmtpError(error: unknown, secrets: readonly string[]): string {
  const e = (typeof error === "object" && error !== null ? error : {}) as { code?: unknown; message?: unknown };
  const message = typeof e.message === "string" ? e.message : String(error);
  const code = typeof e.code === "string" ? e.code : null;
  let text = `${code ? `${code}: ` : ""}${message}`.replace(/\s+/g, " ").trim();
  for (const secret of secrets) text = text.split(secret).join("[redacted]");
  text = text.replace(/(smtps?:\/\/)[^@\s/]*@/gi, "$1[redacted]@");
  return `SMTP send failed: ${text}`.slice(0, 500);
}
