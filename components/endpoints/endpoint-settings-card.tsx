import Link from "next/link";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { V1_END_OF_SUPPORT } from "@/lib/events/catalog";
import type { EndpointView } from "@/lib/endpoints/view";
import { DESTINATION_LABELS, describeDestination, isBroker } from "@/lib/delivery/destinations/config";
import { EndpointStatusBadge, EventTypeBadges } from "./endpoint-status";
import { FORMAT_LABELS } from "./format";
import { DateTime } from "@/components/ui/date-time";
import { formatDay } from "@/lib/time/format";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1">
      <dt className="text-xs font-medium text-muted-foreground uppercase">{label}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

export function EndpointSettingsCard({ endpoint }: { endpoint: EndpointView }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Settings</CardTitle>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-4">
          <Row label="Status">
            <EndpointStatusBadge enabled={endpoint.enabled} />
          </Row>
          <Row label="Destination">
            <span data-testid="destination-summary">{DESTINATION_LABELS[endpoint.destinationType]}</span>
            {endpoint.destination ? (
              <span className="mt-1 block font-mono text-xs break-all text-muted-foreground">{describeDestination(endpoint.destinationType, endpoint.url, endpoint.destination)}</span>
            ) : null}
            {isBroker(endpoint.destinationType) ? (
              <span className="mt-1 block text-xs text-muted-foreground" data-testid="credentials-summary">
                {endpoint.credentials
                  ? `Credentials: ${endpoint.credentials.kind === "password" ? `user "${endpoint.credentials.username}", password stored encrypted` : endpoint.credentials.kind === "token" ? "a token, stored encrypted" : "a .creds file, stored encrypted"}`
                  : "No credentials stored"}
              </span>
            ) : null}
          </Row>
          <Row label="Events">
            <EventTypeBadges types={endpoint.eventTypes} />
          </Row>
          <Row label="Format">{FORMAT_LABELS[endpoint.format]}</Row>
          <Row label="Schema version">
            {endpoint.schemaVersion}
            {endpoint.schemaVersion === "v1" ? (
              <span className="mt-1 block text-xs text-warning" data-testid="v1-end-of-support">
                v1 is supported until {formatDay(V1_END_OF_SUPPORT)}. Switch to v2 before then.
              </span>
            ) : null}
          </Row>
          <Row label="Rate limit">{endpoint.rateLimitPerSecond ? `${endpoint.rateLimitPerSecond} per second` : "Platform default"}</Row>
          <Row label="Created">
            <DateTime iso={endpoint.createdAt} />
          </Row>
        </dl>
        <p className="mt-4 text-xs text-muted-foreground">
          Real deliveries and retries are in the{" "}
          <Link href="/events" className="text-primary underline-offset-4 hover:underline">
            Event Log
          </Link>
          ; success rate and latency on the{" "}
          <Link href="/overview" className="text-primary underline-offset-4 hover:underline">
            Overview
          </Link>
          .
        </p>
      </CardContent>
    </Card>
  );
}
