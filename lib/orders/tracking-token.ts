/** Tracking tokens are 24 base64url characters (lib/orders/create-order.ts draws them). */
const TOKEN_IN_LINK = /\/t\/([A-Za-z0-9_-]{24})(?![A-Za-z0-9_-])/;

/**
 * The tracking token in a pasted tracking link ("https://…/t/<token>", with or without a query or
 * a trailing slash), or null. Not `\b` after the token: a token ending in "-" has no word
 * boundary before the end of the text, and one in 64 tokens does (a search that then found nothing).
 */
export function trackingTokenIn(text: string): string | null {
  return TOKEN_IN_LINK.exec(text)?.[1] ?? null;
}
