// Display helpers for the endpoint pages. Times: lib/time/format.ts and components/ui/date-time.tsx.

/** "api.example.com/webhooks": how an endpoint without a description is named. */
export function shortUrl(url: string) {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname === "/" ? "" : u.pathname}`;
  } catch {
    return url;
  }
}

export const FORMAT_LABELS = { json: "JSON", xml: "XML" } as const;
