// Template + values -> the text the customer receives. Pure: the editor's live preview and
// the server's enqueue run exactly this, so the preview is the message.
import { isPlaceholder, PLACEHOLDER_PATTERN, type PlaceholderValues } from "@/lib/sms/placeholders";

export function renderTemplate(body: string, values: Partial<PlaceholderValues>): string {
  const text = body.replace(PLACEHOLDER_PATTERN, (token, name: string) => (isPlaceholder(name) ? (values[name] ?? "") : token));
  // An empty value can leave "  " or a space before punctuation: both are tidied (anywhere in
  // the text, which is harmless in an SMS); line breaks are the merchant's and stay.
  return text.replace(/[ \t]{2,}/g, " ").replace(/ +([,.!?])/g, "$1").trim();
}
