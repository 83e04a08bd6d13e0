"use client";

import { useId, useMemo, useState, useSyncExternalStore } from "react";
import { toast } from "sonner";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import { NativeSelect } from "@/components/team/native-select";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import type { ActionResult } from "@/lib/actions/types";
import { formatCustomerDateTime } from "@/lib/time/format";

type Props = { timeZone: string; canEdit: boolean; onSave: (input: { timeZone: string }) => Promise<ActionResult<{ timeZone: string }>> };

/** Every IANA zone this browser knows, with the saved one first in line if it is missing. */
function zones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return known.includes(current) ? known : [current, ...known];
}
const noSubscription = () => () => {};

/**
 * The zone the customer's SMS and tracking page write times in (lib/time/format.ts). The
 * dashboard is not affected: it shows each viewer's own zone, with the zone named.
 */
export function TimeZoneField({ timeZone, canEdit, onSave }: Props) {
  const id = useId();
  const [saved, setSaved] = useState(timeZone);
  const [draft, setDraft] = useState(timeZone);
  // The list is the browser's (the server's runtime may know other zones): the server renders the saved one only.
  const inBrowser = useSyncExternalStore(noSubscription, () => true, () => false);
  const options = useMemo(() => (inBrowser ? zones(saved) : [saved]), [inBrowser, saved]);
  const mutation = useActionMutation(onSave, {
    onSuccess: (data) => {
      setSaved(data.timeZone);
      toast.success(`Customers now read times in ${data.timeZone}.`);
    },
    onError: (error) => toast.error(error.message),
  });
  return (
    <form
      className="grid gap-1.5"
      onSubmit={(event) => {
        event.preventDefault();
        mutation.mutate({ timeZone: draft });
      }}
    >
      <Label htmlFor={id}>Time zone for customers</Label>
      <div className="flex flex-wrap gap-2">
        <NativeSelect id={id} value={draft} disabled={!canEdit || mutation.isPending} aria-describedby={`${id}-help`} onChange={(e) => setDraft(e.target.value)} className="min-w-64">
          {options.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </NativeSelect>
        {canEdit ? (
          <Button type="submit" variant="outline" disabled={draft === saved || mutation.isPending}>
            {mutation.isPending ? "Saving…" : "Save time zone"}
          </Button>
        ) : null}
      </div>
      <p id={`${id}-help`} className="text-sm text-muted-foreground">
        SMS and the tracking page write times in this zone (e.g. a delivery window of {formatCustomerDateTime("2026-05-01T08:30:00Z", draft)}). The dashboard shows each viewer&apos;s own zone.
      </p>
    </form>
  );
}
