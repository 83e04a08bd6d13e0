import { countSegments } from "@/lib/sms/segments";

/** The message as the customer's phone shows it, and what it costs in SMS parts. */
export function SmsPreview({ text, id }: { text: string; id: string }) {
  const count = countSegments(text);
  return (
    <div className="grid gap-2">
      <div
        id={id}
        aria-label="Preview"
        className="max-w-sm rounded-2xl rounded-bl-sm bg-muted px-4 py-3 text-sm whitespace-pre-wrap break-words"
        data-testid="sms-preview"
      >
        {text || <span className="text-muted-foreground">Nothing to send.</span>}
      </div>
      <p className="text-xs text-muted-foreground" data-testid="sms-count" aria-live="polite">
        {count.characters} characters · {count.segments} SMS ({count.encoding}) · {count.remaining} left in this SMS
      </p>
      {count.nonGsm.length ? (
        <p className="text-xs text-warning" data-testid="sms-ucs2">
          Sent as UCS-2 (70 characters per SMS, 67 per part) because of: {count.nonGsm.map((c) => `"${c}"`).join(" ")}. Replace them to fit 160.
        </p>
      ) : null}
    </div>
  );
}
