// lib/time owns how Waypoint writes a point in time: one rule per reader, stated here. Browser-safe, pure.
//
// - The dashboard (partner staff, support staff, wherever they sit): the viewer's own time zone,
//   always with the zone named: "1 May 2026, 14:00 GMT+5:30" (formatDashboardDateTime).
//   components/ui/date-time.tsx renders it: UTC on the server and in the first render, the
//   viewer's zone as soon as the browser runs, so hydration never disagrees.
// - The end customer (the SMS, the public tracking page): the partner's time zone
//   (Partner.timeZone, Tracking & SMS settings, DEFAULT_PARTNER_TIME_ZONE unless changed), no
//   zone named: "Fri, 1 May, 2:00 pm" (formatCustomer*). The SMS is written on the server and
//   the page must say the same "2:00 pm" as the text that pointed to it; a customer reads the
//   time where the parcel is, not where some browser is.
// - A calendar day (a sunset date, the day something was created): "1 May 2026", the UTC day (formatDay).

export const DEFAULT_PARTNER_TIME_ZONE = "Asia/Kolkata";

type When = Date | string;
const toDate = (value: When) => (value instanceof Date ? value : new Date(value));

// ICU versions differ: some put U+202F/U+00A0 before "pm". Those are not GSM-7 characters
// (one would turn an SMS into UCS-2 and halve its length) and would make the server's and the
// browser's text differ, so every output uses plain spaces.
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");

const formats = new Map<string, Intl.DateTimeFormat>();
function format(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

/** Whether `zone` is an IANA time zone this runtime knows ("Asia/Kolkata", "Europe/London"). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

// --- The dashboard ----------------------------------------------------------------------------

/** "1 May 2026, 14:00 GMT+5:30": the viewer's zone (or `timeZone`), named. */
export function formatDashboardDateTime(value: When, opts: { seconds?: boolean; timeZone?: string } = {}): string {
  const options: Intl.DateTimeFormatOptions = { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" };
  if (opts.seconds) options.second = "2-digit";
  if (opts.timeZone) options.timeZone = opts.timeZone;
  return plain(format("en-GB", options).format(toDate(value)));
}

/** "1 May 2026": the UTC calendar day. */
export const formatDay = (value: When) => plain(format("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(toDate(value)));

// --- The end customer -------------------------------------------------------------------------

const LOCALE = "en-IN";

/** "2:00 pm" in the partner's zone. */
export const formatCustomerTime = (value: When, timeZone = DEFAULT_PARTNER_TIME_ZONE) =>
  plain(format(LOCALE, { timeZone, hour: "numeric", minute: "2-digit", hour12: true }).format(toDate(value)));

/** "Fri, 1 May, 2:00 pm" in the partner's zone. */
export const formatCustomerDateTime = (value: When, timeZone = DEFAULT_PARTNER_TIME_ZONE) =>
  `${plain(format(LOCALE, { timeZone, weekday: "short", day: "numeric", month: "short" }).format(toDate(value)))}, ${formatCustomerTime(value, timeZone)}`;

/** "Fri, 1 May, 2:00 pm - 3:00 pm" (a hyphen: an en dash is not GSM-7); the day once when both ends fall on the same day there. */
export function formatCustomerWindow(from: When, to: When, timeZone = DEFAULT_PARTNER_TIME_ZONE): string {
  const dayKey = format("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  const sameDay = dayKey.format(toDate(from)) === dayKey.format(toDate(to));
  return `${formatCustomerDateTime(from, timeZone)} - ${sameDay ? formatCustomerTime(to, timeZone) : formatCustomerDateTime(to, timeZone)}`;
}
