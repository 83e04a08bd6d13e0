// Display helpers for the Event Log. Points in time: components/ui/date-time.tsx (lib/time/format.ts states the rule).

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });

/** "in 25 seconds", "3 minutes ago": for the next scheduled attempt and recent times. */
export function formatRelative(iso: string, now: number): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return relative.format(seconds, "second");
  if (abs < 3600) return relative.format(Math.round(seconds / 60), "minute");
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), "hour");
  return relative.format(Math.round(seconds / 86_400), "day");
}

/** An endpoint as people recognise it: its description, else host and path of its URL. */
export function endpointLabel(url: string, description: string): string {
  if (description.trim()) return description.trim();
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname === "/" ? "" : u.pathname}`;
  } catch {
    return url;
  }
}

/** `<input type="datetime-local">` speaks local time without a zone. */
export function toLocalInput(date: Date | null): string {
  if (!date) return "";
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

export function fromLocalInput(value: string): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
