// Phone masking for payloads, the tracking page and SMS previews. The SPEC format is
// "+91 98xxx xx214": country code, first 2 national digits, x's, last 3 digits, grouped 5/5.
// Raw numbers never leave Waypoint, so every outward-facing phone goes through here.

// ITU-T E.164 country codes are prefix-free: "1" and "7" are the only one-digit codes, the
// two-digit ones are listed here, and every other code has three digits. That lets us split
// "+<cc><national>" exactly without a phone-number library.
const TWO_DIGIT_COUNTRY_CODES = new Set([
  "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46",
  "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63",
  "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98",
]);

function countryCodeLength(digits: string): number {
  if (digits.startsWith("1") || digits.startsWith("7")) return 1;
  return TWO_DIGIT_COUNTRY_CODES.has(digits.slice(0, 2)) ? 2 : 3;
}

// Splits a number into country code (may be "") and national number.
function splitNumber(raw: string): { cc: string; national: string } {
  const digits = raw.replace(/\D/g, "");
  if (raw.trim().startsWith("+") || raw.trim().startsWith("00")) {
    const international = raw.trim().startsWith("00") ? digits.slice(2) : digits;
    const ccLen = countryCodeLength(international);
    // Too short to hold a country code plus a number: treat it all as national digits.
    if (international.length <= ccLen + 4) return { cc: "", national: international };
    return { cc: international.slice(0, ccLen), national: international.slice(ccLen) };
  }
  // Our customers are mostly Indian: "919876543214" without the + is still +91.
  if (digits.length === 12 && digits.startsWith("91")) return { cc: "91", national: digits.slice(2) };
  // A domestic trunk prefix ("09876543214") carries no information worth showing.
  if (digits.length === 11 && digits.startsWith("0")) return { cc: "", national: digits.slice(1) };
  return { cc: "", national: digits };
}

// How many leading/trailing national digits stay visible. 2 + 3 is the ceiling; shorter
// numbers reveal less so that at least half of the digits are always hidden.
function visibleDigits(length: number): { head: number; tail: number } {
  if (length >= 10) return { head: 2, tail: 3 };
  if (length >= 8) return { head: 1, tail: 3 };
  if (length >= 6) return { head: 1, tail: 2 };
  if (length >= 4) return { head: 0, tail: 2 };
  return { head: 0, tail: 0 };
}

export function maskNationalNumber(national: string): string {
  const { head, tail } = visibleDigits(national.length);
  const masked =
    national.slice(0, head) +
    "x".repeat(national.length - head - tail) +
    national.slice(national.length - tail);
  // Two groups, the first one the longer: 10 digits give the SPEC's 5/5 grouping.
  const cut = Math.ceil(masked.length / 2);
  return masked.length >= 6 ? `${masked.slice(0, cut)} ${masked.slice(cut)}` : masked;
}

/** "+919876543214" -> "+91 98xxx xx214". Null, blank or digit-free input gives null. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (phone == null) return null;
  const { cc, national } = splitNumber(phone);
  if (national.length === 0) return null;
  const masked = maskNationalNumber(national);
  return cc ? `+${cc} ${masked}` : masked;
}
