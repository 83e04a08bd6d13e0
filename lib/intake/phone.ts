// Country-aware phone normalisation for order intake (browser-safe, also used by the live
// preview): storefronts send numbers as customers typed them ("098123 45678", "+44 7911 123456",
// "(415) 555-2671"); Waypoint stores E.164. A number without a country code is read in the
// partner's default country.
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";

export type PhoneResult = { ok: true; e164: string } | { ok: false; issue: "missing" | "unparseable"; message: string };

export function normalizePhone(raw: string | undefined, defaultCountry: string): PhoneResult {
  const value = raw?.trim();
  if (!value) return { ok: false, issue: "missing", message: "no phone number in the payload" };
  // "00" is the international prefix in most of the world: treat it as "+".
  const text = value.startsWith("00") ? `+${value.slice(2)}` : value;
  const parsed = parsePhoneNumberFromString(text, { defaultCountry: defaultCountry.toUpperCase() as CountryCode, extract: false });
  if (!parsed || !parsed.isValid()) {
    return { ok: false, issue: "unparseable", message: `"${value}" is not a valid phone number${text.startsWith("+") ? "" : ` in ${defaultCountry.toUpperCase()} (the partner's default country)`}` };
  }
  return { ok: true, e164: parsed.number };
}

/** A country code that libphonenumber knows (ISO 3166-1 alpha-2, upper case). */
export const isKnownCountry = (code: string) => /^[A-Z]{2}$/.test(code) && isSupportedCountry(code as CountryCode);
