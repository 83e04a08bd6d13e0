import { cn } from "@/lib/utils";

// The Waypoint mark, drawn like public/favicon.svg (public/logo.svg and logo.png are the same
// logo as files, for mail and other sites). Inline so the name follows the theme's text colour.
const PIN = "M32 9c-9.4 0-17 7.4-17 16.6C15 38.2 32 55 32 55s17-16.8 17-29.4C49 16.4 41.4 9 32 9zm0 23.6a7 7 0 1 1 0-14 7 7 0 0 1 0 14z";

export function WaypointLogo({ className }: { className?: string }) {
  return (
    <span data-slot="waypoint-logo" className={cn("flex items-center gap-2 font-semibold", className)}>
      <svg viewBox="0 0 64 64" className="size-6 shrink-0" aria-hidden focusable="false">
        <rect width="64" height="64" rx="14" fill="#4F46E5" />
        <path fill="#FFFFFF" fillRule="evenodd" d={PIN} />
      </svg>
      Waypoint
    </span>
  );
}
