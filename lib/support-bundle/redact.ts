// What a support bundle must never carry, removed in one place (browser-safe, unit-tested).
// Signing secrets, API keys and broker credentials are never read into a bundle at all; these
// rules clean what is read: credentials and query values in URLs, one-time delivery codes.

/** https://user:pass@host/p?token=abc → https://host/p?token=[redacted] */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    url.username = "";
    url.password = "";
    for (const key of [...url.searchParams.keys()]) url.searchParams.set(key, "[redacted]");
    return url.toString().replace(/%5Bredacted%5D/g, "[redacted]");
  } catch {
    return "[unparseable URL]";
  }
}

const SECRET_KEYS = /^(otp|secret|password|token|authorization|api[_-]?key|credentials?)$/i;

/** A deep copy with secret-looking fields replaced (an event payload's delivery OTP, for one). */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.test(k) && v !== null ? "[redacted]" : redactSecrets(v)]));
  }
  return value;
}

/** +919812345214 → +91 98xxx xx214 style: the last 3 digits only. */
export const maskPhone = (phone: string) => (phone.length > 3 ? `${"x".repeat(Math.max(0, phone.length - 3))}${phone.slice(-3)}` : "xxx");
