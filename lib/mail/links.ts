// Shared by the dev console line (outbox) and the mailbox catcher; no server imports.

const URL_PATTERN = /https?:\/\/[^\s<>"'`)\]]+/g;

/** Every distinct http(s) URL in a text, in order of appearance; trailing punctuation is not part of it. */
export function extractLinks(...texts: (string | null | undefined)[]): string[] {
  const found = texts.flatMap((t) => (t ?? "").match(URL_PATTERN) ?? []).map((u) => u.replace(/[.,;:!?]+$/, "").replace(/&amp;/g, "&"));
  return [...new Set(found)];
}
