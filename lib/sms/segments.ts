// How many SMS a text costs. GSM-7 (the default alphabet) fits 160 characters in one SMS and
// 153 per part once it is split (the rest is the concatenation header); one character outside
// it switches the whole message to UCS-2: 70, then 67 per part. Characters of the GSM
// extension table (€ [ ] { } \ ^ ~ | and form feed) take two places. Pure, safe in the browser.

const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
  "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENDED = "\f^{}\\[~]|€";
const BASIC = new Set(GSM_BASIC);
const EXTENDED = new Set(GSM_EXTENDED);

export const SMS_LIMITS = {
  "GSM-7": { single: 160, perPart: 153 },
  "UCS-2": { single: 70, perPart: 67 },
} as const;
export type SmsEncoding = keyof typeof SMS_LIMITS;

export type SegmentCount = {
  encoding: SmsEncoding;
  /** Characters as a person counts them. */
  characters: number;
  /** Places used: septets for GSM-7 (extension characters count 2), UTF-16 units for UCS-2. */
  units: number;
  segments: number;
  /** Places per SMS at the current length: 160/70 for one SMS, 153/67 once split. */
  perSegment: number;
  /** Places left before the next SMS starts. */
  remaining: number;
  /** The characters that forced UCS-2, each once, in order of appearance. */
  nonGsm: string[];
};

const gsmCost = (ch: string) => (BASIC.has(ch) ? 1 : EXTENDED.has(ch) ? 2 : null);

export function countSegments(text: string): SegmentCount {
  const chars = [...text]; // code points: an emoji is one character for a person
  const nonGsm = [...new Set(chars.filter((ch) => gsmCost(ch) === null))];
  const encoding: SmsEncoding = nonGsm.length ? "UCS-2" : "GSM-7";
  // A character's places: its septets, or its UTF-16 units (2 for an emoji's surrogate pair).
  const costs = chars.map((ch) => (encoding === "GSM-7" ? gsmCost(ch)! : ch.length));
  const units = costs.reduce((a, b) => a + b, 0);
  const { single, perPart } = SMS_LIMITS[encoding];
  if (units <= single) {
    return { encoding, characters: chars.length, units, segments: units === 0 ? 0 : 1, perSegment: single, remaining: single - units, nonGsm };
  }
  // Parts are filled whole characters at a time: an escape pair or a surrogate pair is never
  // split across two SMS, so a part can end a place short of the limit.
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > perPart) {
      segments++;
      used = 0;
    }
    used += cost;
  }
  return { encoding, characters: chars.length, units, segments, perSegment: perPart, remaining: perPart - used, nonGsm };
}
