import { route } from "@/lib/http/route";
import { LOGO_EXTENSIONS, LOGO_TYPES } from "@/lib/partners/logo-rules";
import { findLogoForServing } from "@/lib/partners/partner-logo";

// GET /logos/{logoId}: a partner's logo for its public tracking page. Public (the id is random
// and appears only on that partner's tracking pages and settings). Served strictly as an image:
// the type checked at upload, nosniff so no browser guesses otherwise, and a CSP that allows
// nothing, should the file ever be opened as a document.
const SAFE_HEADERS = {
  "x-content-type-options": "nosniff",
  "content-security-policy": "default-src 'none'; sandbox",
};

export const GET = route<{ params: Promise<{ logoId: string }> }>(async (_request, { params }) => {
  const { logoId } = await params;
  const logo = await findLogoForServing(logoId);
  if (!logo || !LOGO_TYPES.includes(logo.contentType)) {
    return new Response("Not found", { status: 404, headers: { ...SAFE_HEADERS, "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  }
  return new Response(Buffer.from(logo.bytes), {
    headers: {
      ...SAFE_HEADERS,
      "content-type": logo.contentType,
      "content-length": String(logo.bytes.length),
      "content-disposition": `inline; filename="logo.${LOGO_EXTENSIONS[logo.contentType]}"`,
      // A new upload is a new id, so a URL's bytes never change.
      "cache-control": "public, max-age=31536000, immutable",
      "cross-origin-resource-policy": "same-origin",
    },
  });
});
