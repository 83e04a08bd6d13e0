"use client";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { EVENT_LABELS, EVENT_TYPES } from "@/lib/events/catalog";
import { TIME_RANGE_LABELS, TIME_RANGES } from "@/lib/event-log/filter";
import { EVENT_LOG_STATUS_LABELS, FILTER_STATUSES } from "@/lib/event-log/status";
import { fromLocalInput, toLocalInput } from "./format";
import { useEventLogView } from "./use-event-log-view";

// Radix Select has no empty value; "all" stands for "no filter" and is never in the URL.
const ALL = "all";

export function EventLogFilters() {
  const { view, setView, clear, filtered } = useEventLogView();
  return (
    <div className="flex flex-wrap items-end gap-3" role="group" aria-label="Filters">
      <div className="grid gap-1.5">
        <Label htmlFor="filter-type">Event type</Label>
        <Select value={view.type ?? ALL} onValueChange={(v) => setView({ type: v === ALL ? null : (v as typeof view.type) })}>
          <SelectTrigger id="filter-type" aria-label="Event type" className="w-48">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>All event types</SelectItem>
            {EVENT_TYPES.map((t) => (
              <SelectItem key={t} value={t}>
                {EVENT_LABELS[t]}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="filter-status">Delivery status</Label>
        <Select value={view.status ?? ALL} onValueChange={(v) => setView({ status: v === ALL ? null : (v as typeof view.status) })}>
          <SelectTrigger id="filter-status" aria-label="Delivery status" className="w-44">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>All statuses</SelectItem>
            {FILTER_STATUSES.map((s) => (
              <SelectItem key={s} value={s}>
                {EVENT_LOG_STATUS_LABELS[s]}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="filter-range">Time</Label>
        <Select
          value={view.range ?? ALL}
          onValueChange={(v) => setView(v === "custom" ? { range: "custom" } : { range: v === ALL ? null : (v as typeof view.range), from: null, to: null })}
        >
          <SelectTrigger id="filter-range" aria-label="Time range" className="w-44">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>Any time</SelectItem>
            {TIME_RANGES.map((r) => (
              <SelectItem key={r} value={r}>
                {TIME_RANGE_LABELS[r]}
              </SelectItem>
            ))}
            <SelectItem value="custom">Custom range…</SelectItem>
          </SelectContent>
        </Select>
      </div>
      {view.range === "custom" ? (
        <>
          <div className="grid gap-1.5">
            <Label htmlFor="filter-from">From</Label>
            <Input id="filter-from" type="datetime-local" className="w-52" value={toLocalInput(view.from)} onChange={(e) => setView({ from: fromLocalInput(e.target.value) })} />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="filter-to">To</Label>
            <Input id="filter-to" type="datetime-local" className="w-52" value={toLocalInput(view.to)} onChange={(e) => setView({ to: fromLocalInput(e.target.value) })} />
          </div>
        </>
      ) : null}
      {filtered ? (
        <Button variant="ghost" onClick={clear}>
          Clear filters
        </Button>
      ) : null}
    </div>
  );
}
