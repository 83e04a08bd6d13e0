// What a partner logo may be, decided from the file's bytes, never from its name or the type
// the browser claims. Pure and browser-safe: the upload form pre-checks with it, the server
// action decides with it (lib/partners/partner-logo.ts).
//
// PNG, JPEG and WebP only. SVG is refused: it is a document that can carry scripts and links,
// and sanitising it is a job we do not take on for a logo.

export const LOGO_MAX_BYTES = 200 * 1024;
export const LOGO_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export type LogoType = (typeof LOGO_TYPES)[number];
export const LOGO_EXTENSIONS: Record<LogoType, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp" };

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The image type the bytes themselves declare: each format's signature and its first header. */
export function sniffImageType(bytes: Uint8Array): LogoType | null {
  // PNG: the 8-byte signature, then the IHDR chunk that must come first.
  if (bytes.length >= 16 && PNG_SIGNATURE.every((b, i) => bytes[i] === b) && ascii(bytes, 12, 16) === "IHDR") return "image/png";
  // JPEG: start-of-image, then a marker.
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  // WebP: a RIFF container of type WEBP holding a VP8/VP8L/VP8X chunk.
  if (bytes.length >= 16 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP" && ascii(bytes, 12, 15) === "VP8") return "image/webp";
  return null;
}

/** An SVG (or other XML/HTML text) whatever its name says: markup near the start of the file. */
export function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 1024)).replace(/^\uFEFF/, "").trimStart().toLowerCase();
  return head.startsWith("<") && (head.includes("<svg") || head.startsWith("<?xml") || head.startsWith("<!doctype svg"));
}

export type LogoCheck = { ok: true; contentType: LogoType } | { ok: false; message: string };

const kb = (bytes: number) => `${Math.ceil(bytes / 1024)} KB`;

/** Size first (it needs no bytes read), then what the file really is. */
export function checkLogoSize(size: number): LogoCheck | null {
  if (size === 0) return { ok: false, message: "The file is empty. Choose a PNG, JPEG or WebP image." };
  if (size > LOGO_MAX_BYTES) {
    return { ok: false, message: `The logo is ${kb(size)}; the limit is ${kb(LOGO_MAX_BYTES)}. Export it smaller (about 400 pixels wide is plenty) and upload it again.` };
  }
  return null;
}

export function checkLogo(bytes: Uint8Array): LogoCheck {
  const sizeProblem = checkLogoSize(bytes.length);
  if (sizeProblem) return sizeProblem;
  if (looksLikeSvg(bytes)) {
    return { ok: false, message: "SVG logos are not accepted, because an SVG file can carry scripts. Export the logo as PNG (or JPEG or WebP) and upload that." };
  }
  const contentType = sniffImageType(bytes);
  if (!contentType) {
    return { ok: false, message: "This file is not a PNG, JPEG or WebP image (its contents say so, whatever its name). Export the logo in one of those formats and upload it again." };
  }
  return { ok: true, contentType };
}
