import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/auth/password-form";

// Length alone lets "password123" through and a rule like "one digit, one symbol" lets
// "Password1!" through; zxcvbn estimates how many guesses a cracker would need instead, and
// score 3 (~10^8 guesses) is safe against online guessing plus a slow (bcrypt) offline attack.
export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH };
const MIN_SCORE = 3;

// zxcvbn's own wording ("personal or page related data") is vague; say what to leave out.
const USER_INPUTS_WARNING = "Don't use your name, your email address or the word Waypoint in it.";

// Built on first use: the dictionaries take ~100 ms to rank, not worth paying at import.
let factory: ZxcvbnFactory | undefined;
const zxcvbn = () =>
  (factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: { ...en.translations, warnings: { ...en.translations.warnings, userInputs: USER_INPUTS_WARNING } },
  }));

export type PasswordVerdict = { ok: true } | { ok: false; message: string };

/**
 * Whether `password` is strong enough, and if not a sentence the person can act on.
 * `userInputs`: words an attacker would try first for this account (email, name, "waypoint").
 */
export function checkPasswordStrength(password: string, userInputs: string[]): PasswordVerdict {
  if (password.length < MIN_PASSWORD_LENGTH) return { ok: false, message: `Use at least ${MIN_PASSWORD_LENGTH} characters.` };
  if (password.length > MAX_PASSWORD_LENGTH) return { ok: false, message: `Use at most ${MAX_PASSWORD_LENGTH} characters.` };
  const result = zxcvbn().check(password, expandInputs(userInputs));
  if (result.score >= MIN_SCORE) return { ok: true };
  const { warning, suggestions } = result.feedback;
  const advice = [warning, ...suggestions].filter((s): s is string => !!s);
  return { ok: false, message: advice.length ? advice.join(" ") : "This password is too easy to guess. Add another word or two; uncommon words are better." };
}

// "tara.joseph@urbankart.test" alone only matches as a whole; its parts are what people reuse.
function expandInputs(inputs: string[]): string[] {
  const words = inputs.flatMap((input) => [input, ...input.split(/[^\p{L}\p{N}]+/u)]);
  return [...new Set(words.map((w) => w.trim().toLowerCase()).filter((w) => w.length >= 3))];
}
