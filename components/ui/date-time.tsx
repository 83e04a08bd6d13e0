"use client";

import { useSyncExternalStore } from "react";
import { formatDashboardDateTime } from "@/lib/time/format";

const noSubscription = () => () => {};

/**
 * A point in time on the dashboard: the viewer's own time zone, with the zone named
 * (lib/time/format.ts states the rule). The server, and the first render in the browser, write
 * it in UTC; the browser then writes the viewer's zone. So the hydrated text never disagrees
 * with the server's, and whatever is on screen names its zone.
 */
export function DateTime({ iso, seconds = false, className }: { iso: string | Date; seconds?: boolean; className?: string }) {
  const inBrowser = useSyncExternalStore(noSubscription, () => true, () => false);
  const value = typeof iso === "string" ? iso : iso.toISOString();
  return (
    <time dateTime={value} className={className}>
      {formatDashboardDateTime(value, { seconds, timeZone: inBrowser ? undefined : "UTC" })}
    </time>
  );
}
