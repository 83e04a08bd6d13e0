"use client";

/**
 * A timestamp in the viewer's own time zone and locale. The server renders it in its zone;
 * the browser's text replaces it on hydration without a mismatch warning.
 */
export function LocalTime({ iso, withSeconds = false, className }: { iso: string; withSeconds?: boolean; className?: string }) {
  const date = new Date(iso);
  const text = date.toLocaleString(undefined, {
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    ...(withSeconds ? { second: "2-digit" } : {}),
  });
  return (
    <time dateTime={iso} title={date.toString()} className={className} suppressHydrationWarning>
      {text}
    </time>
  );
}
