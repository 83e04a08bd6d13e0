import Link from "next/link";
import { CalendarClock } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { formatSunsetDate, SUNSET_MILESTONES } from "@/lib/sunset/policy";

/** While a partner has endpoints on payload v1: when it ends, and which endpoints to move to v2. */
export function V1SunsetBanner({ endpoints, sunsetDate, daysLeft: left }: { endpoints: { id: string; url: string }[]; sunsetDate: string; daysLeft: number }) {
  if (endpoints.length === 0) return null;
  const urgent = left <= SUNSET_MILESTONES[0];
  return (
    <Alert variant={urgent ? "warning" : "default"} className="mb-6" data-testid="v1-sunset-banner">
      <CalendarClock aria-hidden />
      <AlertTitle>
        {left > 0 ? `Webhook payload v1 ends on ${formatSunsetDate(sunsetDate)} (${left} day${left === 1 ? "" : "s"})` : `Webhook payload v1 ended on ${formatSunsetDate(sunsetDate)}`}
      </AlertTitle>
      <AlertDescription>
        <p>
          {endpoints.length === 1 ? "One endpoint still receives" : `${endpoints.length} endpoints still receive`} v1:{" "}
          {endpoints.map((e, i) => (
            <span key={e.id}>
              {i ? ", " : ""}
              <Link className="font-mono text-xs underline" href={`/endpoints/${e.id}/edit`}>
                {e.url}
              </Link>
            </span>
          ))}
          . Switch {endpoints.length === 1 ? "it" : "them"} to v2 (every key always present, null when it does not apply).
        </p>
      </AlertDescription>
    </Alert>
  );
}
