/** A tracking token: lib/ids.ts newTrackingToken() draws 18 random bytes, base64url, so 24 of these. */
const TOKEN = "[A-Za-z0-9_-]{24}";
const WHOLE_TOKEN = new RegExp(`^${TOKEN}$`);
const TOKEN_IN_LINK = new RegExp(`/t/(${TOKEN})(?![A-Za-z0-9_-])`);

/** Whether the text can be a tracking token at all (anything else is answered without a query). */
export const isTrackingToken = (text: string) => WHOLE_TOKEN.test(text);

/**
 * The tracking token in a pasted tracking link ("https://…/t/<token>", with or without a query or
 * a trailing slash), or null. Not `\b` after the token: a token ending in "-" has no word
 * boundary before the end of the text, and one in 64 tokens does (a search that then found nothing).
 */
export function trackingTokenIn(text: string): string | null {
  return TOKEN_IN_LINK.exec(text)?.[1] ?? null;
}
