"use client";

import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { ActionResult } from "@/lib/actions/types";
import { EVENT_TYPES, type EventType, type PayloadFormat, type SchemaVersion } from "@/lib/events/catalog";
import { endpointFieldsSchema, fieldErrorsFromMessage, RATE_LIMIT_MAX, RATE_LIMIT_MIN, type EndpointFieldName, type EndpointFieldsInput } from "@/lib/endpoints/rules";
import { EventTypeFieldset, FormatFieldset, SchemaVersionFieldset } from "./endpoint-form-fields";
import { FieldError } from "./field-error";
import { BrokerFields, DestinationTypeFieldset, destinationValues, initialDestination, urlHelp, urlLabel, urlPlaceholder, type DestinationState } from "./destination-fields";
import type { CredentialsSummary, DestinationSettings, DestinationType } from "@/lib/delivery/destinations/config";
import { useActionMutation } from "@/components/actions/use-action-mutation";

type Errors = Partial<Record<EndpointFieldName | "form", string>>;

export type EndpointFormValues = {
  url: string;
  description: string;
  eventTypes: EventType[];
  format: PayloadFormat;
  schemaVersion: SchemaVersion;
  rateLimitPerSecond: number | null;
  /** HTTP when absent; a broker's settings and the kind of its stored credentials (never the secret). */
  destinationType?: DestinationType;
  destination?: DestinationSettings | null;
  credentials?: CredentialsSummary;
};

type Props = {
  mode: "create" | "edit";
  initial?: EndpointFormValues;
  submitLabel: string;
  cancelHref: string;
  submit: (fields: EndpointFieldsInput) => Promise<ActionResult<{ id: string }>>;
  checkUrl: (url: string, destinationType?: DestinationType) => Promise<ActionResult<{ problem: string | null }>>;
  /** v1's end of support (lib/sunset/v1.ts v1FormState): after it, v1 is not offered to a new choice. */
  v1?: { until: string; choosable: boolean };
};

const NEW: EndpointFormValues = { url: "", description: "", eventTypes: [...EVENT_TYPES], format: "json", schemaVersion: "v2", rateLimitPerSecond: null };

/** Create and edit: the same fields, checked in the browser with the server's own schema. */
export function EndpointForm({ mode, initial = NEW, submitLabel, cancelHref, submit, checkUrl, v1 }: Props) {
  const router = useRouter();
  const [url, setUrl] = useState(initial.url);
  const [description, setDescription] = useState(initial.description);
  const [eventTypes, setEventTypes] = useState<EventType[]>(initial.eventTypes);
  const [format, setFormat] = useState<PayloadFormat>(initial.format);
  const [schemaVersion, setSchemaVersion] = useState<SchemaVersion>(initial.schemaVersion);
  const [rateLimit, setRateLimit] = useState(initial.rateLimitPerSecond?.toString() ?? "");
  const [errors, setErrors] = useState<Errors>({});
  const [destination, setDestination] = useState<DestinationState>(() => initialDestination(initial.destinationType ?? "http", initial.destination ?? null, initial.credentials ?? null));

  const urlCheck = useActionMutation((input: { url: string; type: DestinationType }) => checkUrl(input.url, input.type), {
    onSuccess: ({ problem }) => setErrors((e) => ({ ...e, url: problem ?? undefined })),
  });
  const save = useActionMutation(submit, {
    onSuccess: ({ id }) => {
      toast.success(mode === "create" ? "Endpoint created. Send it a test event next." : "Changes saved.");
      router.push(`/endpoints/${id}`);
    },
    onError: (error) => setErrors(fieldErrorsFromMessage(error.message)),
  });

  function values(): EndpointFieldsInput {
    const trimmed = rateLimit.trim();
    return { url, description, eventTypes, format, schemaVersion, rateLimitPerSecond: trimmed === "" ? null : Number(trimmed), ...destinationValues(destination, initial.credentials ?? null) };
  }

  function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const parsed = endpointFieldsSchema.safeParse(values());
    if (!parsed.success) {
      const next: Errors = {};
      for (const issue of parsed.error.issues) next[(issue.path[0] as EndpointFieldName) ?? "form"] ??= issue.message;
      return setErrors(next);
    }
    setErrors({});
    save.mutate(values());
  }

  function onUrlBlur() {
    if (url.trim() && url.trim() !== initial.url) urlCheck.mutate({ url: url.trim(), type: destination.type });
  }

  const describedBy = (field: EndpointFieldName, help?: string) => [help, errors[field] ? `${field}-error` : null].filter(Boolean).join(" ") || undefined;

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Endpoint settings">
      <Card>
        <CardContent className="grid gap-6">
          <DestinationTypeFieldset value={destination.type} onChange={(type) => setDestination((d) => ({ ...d, type }))} />
          <div className="grid gap-2">
            <Label htmlFor="url">{urlLabel(destination.type)}</Label>
            <Input
              id="url"
              name="url"
              type="url"
              inputMode="url"
              placeholder={urlPlaceholder(destination.type)}
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              onBlur={onUrlBlur}
              aria-invalid={errors.url ? true : undefined}
              aria-describedby={describedBy("url", "url-help")}
              autoFocus={mode === "create"}
            />
            <FieldError id="url-error" message={errors.url} />
            <p id="url-help" className="text-xs text-muted-foreground">
              {urlCheck.isPending ? "Checking the address…" : urlHelp(destination.type)}
            </p>
          </div>
          <BrokerFields value={destination} onChange={setDestination} errors={errors} stored={initial.credentials ?? null} />

          <div className="grid gap-2">
            <Label htmlFor="description">Description (optional)</Label>
            <Input id="description" name="description" placeholder="e.g. Order updates to our ERP" value={description} onChange={(e) => setDescription(e.target.value)} aria-invalid={errors.description ? true : undefined} aria-describedby={describedBy("description")} />
            <FieldError id="description-error" message={errors.description} />
          </div>

          <EventTypeFieldset value={eventTypes} onChange={setEventTypes} error={errors.eventTypes} />
          <div className="grid grid-cols-1 gap-6 md:grid-cols-2">
            <FormatFieldset value={format} onChange={setFormat} />
            <SchemaVersionFieldset value={schemaVersion} onChange={setSchemaVersion} v1={v1 && { ...v1, choosable: v1.choosable || initial.schemaVersion === "v1" }} />
          </div>

          <div className="grid max-w-xs gap-2">
            <Label htmlFor="rateLimit">Rate limit (deliveries per second, optional)</Label>
            <Input
              id="rateLimit"
              name="rateLimit"
              type="number"
              inputMode="numeric"
              min={RATE_LIMIT_MIN}
              max={RATE_LIMIT_MAX}
              step={1}
              placeholder="Platform default"
              value={rateLimit}
              onChange={(e) => setRateLimit(e.target.value)}
              aria-invalid={errors.rateLimitPerSecond ? true : undefined}
              aria-describedby={describedBy("rateLimitPerSecond", "rate-help")}
            />
            <FieldError id="rateLimitPerSecond-error" message={errors.rateLimitPerSecond} />
            <p id="rate-help" className="text-xs text-muted-foreground">
              {RATE_LIMIT_MIN}–{RATE_LIMIT_MAX}. Waypoint paces deliveries to this endpoint to about this many a second; the rest wait their turn. Leave empty for the platform default.
            </p>
          </div>

          {errors.form ? (
            <Alert variant="destructive" data-testid="form-error">
              <AlertDescription>{errors.form}</AlertDescription>
            </Alert>
          ) : null}
        </CardContent>
        <CardFooter className="justify-end gap-2 border-t pt-6">
          <Button variant="outline" asChild>
            <Link href={cancelHref}>Cancel</Link>
          </Button>
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? "Saving…" : submitLabel}
          </Button>
        </CardFooter>
      </Card>
    </form>
  );
}
