"use client";

import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { EVENT_LABELS, EVENT_TYPES, V1_END_OF_SUPPORT, type EventType, type PayloadFormat, type SchemaVersion } from "@/lib/events/catalog";
import { FieldError } from "./field-error";
import { formatDay } from "@/lib/time/format";

// What each event means to the partner's system, next to its checkbox.
const EVENT_HINTS: Record<EventType, string> = {
  order_confirmed: "The order entered the delivery network.",
  out_for_delivery: "A rider has it: rider, masked phone, OTP and ETA window.",
  delivered: "Handed over, with the confirmation method.",
  delivery_failed: "Not delivered: reason and the rescheduled slot.",
  return_initiated: "A return was booked: reason, condition, pickup ETA.",
};

export function EventTypeFieldset({ value, onChange, error }: { value: EventType[]; onChange: (next: EventType[]) => void; error?: string }) {
  const toggle = (type: EventType, on: boolean) => onChange(on ? [...value, type] : value.filter((t) => t !== type));
  const all = value.length === EVENT_TYPES.length;
  return (
    <fieldset className="grid gap-3" aria-describedby={error ? "eventTypes-error" : undefined}>
      <div className="flex items-center justify-between gap-2">
        <legend className="text-sm font-medium">Events to send</legend>
        <button type="button" className="text-xs text-primary underline-offset-4 hover:underline" onClick={() => onChange(all ? [] : [...EVENT_TYPES])}>
          {all ? "Clear all" : "Select all"}
        </button>
      </div>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        {EVENT_TYPES.map((type) => (
          <div key={type} className="flex items-start gap-3 rounded-md border p-3">
            <Checkbox id={`event-${type}`} checked={value.includes(type)} onCheckedChange={(c) => toggle(type, c === true)} aria-describedby={`event-${type}-hint`} />
            <div className="grid gap-1">
              <Label htmlFor={`event-${type}`}>{EVENT_LABELS[type]}</Label>
              <p id={`event-${type}-hint`} className="text-xs text-muted-foreground">
                <code>{type}</code> · {EVENT_HINTS[type]}
              </p>
            </div>
          </div>
        ))}
      </div>
      <FieldError id="eventTypes-error" message={error} />
    </fieldset>
  );
}

function RadioOption<T extends string>({ name, value, current, onChange, label, hint }: { name: string; value: T; current: T; onChange: (v: T) => void; label: string; hint: string }) {
  const id = `${name}-${value}`;
  return (
    <div className="flex items-start gap-3">
      <input type="radio" id={id} name={name} value={value} checked={current === value} onChange={() => onChange(value)} className="mt-0.5 size-4 accent-primary" aria-describedby={`${id}-hint`} />
      <div className="grid gap-1">
        <Label htmlFor={id}>{label}</Label>
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      </div>
    </div>
  );
}

export function FormatFieldset({ value, onChange }: { value: PayloadFormat; onChange: (v: PayloadFormat) => void }) {
  return (
    <fieldset className="grid gap-3">
      <legend className="mb-3 text-sm font-medium">Payload format</legend>
      <RadioOption name="format" value="json" current={value} onChange={onChange} label="JSON" hint="application/json. The usual choice." />
      <RadioOption name="format" value="xml" current={value} onChange={onChange} label="XML" hint="application/xml, same fields, for systems that only read XML." />
    </fieldset>
  );
}

export function SchemaVersionFieldset({ value, onChange, v1 }: { value: SchemaVersion; onChange: (v: SchemaVersion) => void; v1?: { until: string; choosable: boolean } }) {
  const until = v1?.until ?? V1_END_OF_SUPPORT;
  // After v1's end of support it is offered only to an endpoint already on it (lib/sunset).
  const offerV1 = !v1 || v1.choosable || value === "v1";
  return (
    <fieldset className="grid gap-3">
      <legend className="mb-3 text-sm font-medium">Schema version</legend>
      <RadioOption name="schemaVersion" value="v2" current={value} onChange={onChange} label="v2 (current)" hint="Every key always present, null when it does not apply." />
      {offerV1 ? (
        <RadioOption
          name="schemaVersion"
          value="v1"
          current={value}
          onChange={onChange}
          label="v1 (legacy)"
          hint={v1 && !v1.choosable ? `The older flat shape. Its support ended on ${formatDay(until)}: once this endpoint moves to v2 it cannot come back.` : `The older flat shape. Supported until ${formatDay(until)}; move to v2 before then.`}
        />
      ) : (
        <p className="text-xs text-muted-foreground">v1 (the older flat shape) reached its end of support on {formatDay(until)}.</p>
      )}
    </fieldset>
  );
}
