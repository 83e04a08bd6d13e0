// Times the end customer reads: on the tracking page and in SMS. Pure, safe in the browser.
//
// One fixed zone rather than the viewer's: the SMS is rendered on the server, and the page
// must say the same "2:00 pm" as the text that pointed to it. Waypoint's deliveries are in
// India today; a Partner.timeZone column is the change to make when that stops being true.
export const DISPLAY_TIME_ZONE = "Asia/Kolkata";
const LOCALE = "en-IN";

const time = new Intl.DateTimeFormat(LOCALE, { timeZone: DISPLAY_TIME_ZONE, hour: "numeric", minute: "2-digit", hour12: true });
const day = new Intl.DateTimeFormat(LOCALE, { timeZone: DISPLAY_TIME_ZONE, weekday: "short", day: "numeric", month: "short" });
const dayKey = new Intl.DateTimeFormat("en-CA", { timeZone: DISPLAY_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

// ICU versions differ: some put U+202F/U+00A0 before "pm". Those are not GSM-7 characters
// (one would turn an SMS into UCS-2 and halve its length) and would make the server's and the
// browser's text differ, so every output uses plain spaces.
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");
const toDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));

/** "2:00 pm" */
export const formatTime = (value: Date | string) => plain(time.format(toDate(value)));

/** "Fri, 1 May, 2:00 pm" */
export const formatDateTime = (value: Date | string) => `${plain(day.format(toDate(value)))}, ${formatTime(value)}`;

/** "Fri, 1 May, 2:00 pm - 3:00 pm" (a hyphen: an en dash is not GSM-7); the day once when both ends fall on the same day. */
export function formatWindow(from: Date | string, to: Date | string): string {
  const sameDay = dayKey.format(toDate(from)) === dayKey.format(toDate(to));
  return sameDay ? `${formatDateTime(from)} - ${formatTime(to)}` : `${formatDateTime(from)} - ${formatDateTime(to)}`;
}
