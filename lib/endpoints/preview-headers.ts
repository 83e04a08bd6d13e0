// What the dashboard and API show of the signature headers: enough of each signature to
// compare with what a receiver logged, never a whole one. Pure, so it is unit-tested.

export const SIGNATURE_SHOWN_CHARS = 10;

/** "v1,K3b9x2Qa7L… v1,Zp0…": each space-separated signature cut to its first characters. */
export function maskSignature(header: string): string {
  return header
    .split(" ")
    .filter(Boolean)
    .map((sig) => {
      const [version, value = ""] = sig.split(",", 2);
      return `${version},${value.slice(0, SIGNATURE_SHOWN_CHARS)}…`;
    })
    .join(" ");
}

/** The request headers as a person should see them: content-type, the three webhook-* headers. */
export function previewHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = name === "webhook-signature" ? maskSignature(value) : value;
  return out;
}
