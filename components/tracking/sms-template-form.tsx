"use client";

import { useRef } from "react";
import { EVENT_LABELS, type EventType } from "@/lib/events/catalog";
import { DEFAULT_SMS_TEMPLATES, MAX_TEMPLATE_LENGTH } from "@/lib/sms/defaults";
import { describeProblem, emptyForEvent, PLACEHOLDER_HELP, PLACEHOLDERS_FOR_EVENT, templateProblems } from "@/lib/sms/placeholders";
import { renderTemplate } from "@/lib/sms/render-template";
import type { PlaceholderValues } from "@/lib/sms/placeholders";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { SmsPreview } from "@/components/tracking/sms-preview";

export type TemplateDraft = { body: string; enabled: boolean };

type Props = {
  event: EventType;
  draft: TemplateDraft;
  dirty: boolean;
  isDefault: boolean;
  sample: PlaceholderValues;
  canEdit: boolean;
  saving: boolean;
  onChange: (draft: TemplateDraft) => void;
  onSave: () => void;
};

/** One event's template: edit, insert placeholders, see the message and its SMS count live. */
export function SmsTemplateForm({ event, draft, dirty, isDefault, sample, canEdit, saving, onChange, onSave }: Props) {
  const area = useRef<HTMLTextAreaElement>(null);
  const problems = templateProblems(draft.body);
  const blanks = emptyForEvent(draft.body, event);
  const id = `template-${event}`;

  // Inserts at the cursor, as a merchant expects from a "chip" button.
  const insert = (name: string) => {
    const el = area.current;
    const token = `{{${name}}}`;
    const start = el?.selectionStart ?? draft.body.length;
    const end = el?.selectionEnd ?? draft.body.length;
    onChange({ ...draft, body: draft.body.slice(0, start) + token + draft.body.slice(end) });
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  return (
    <form
      className="grid grid-cols-1 gap-4 lg:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      <div className="grid content-start gap-3">
        <div className="flex items-center justify-between gap-4">
          <Label htmlFor={id}>SMS for {EVENT_LABELS[event]}</Label>
          <div className="flex items-center gap-2">
            <Switch
              id={`${id}-enabled`}
              checked={draft.enabled}
              disabled={!canEdit}
              onCheckedChange={(enabled) => onChange({ ...draft, enabled })}
            />
            <Label htmlFor={`${id}-enabled`} className="text-sm font-normal">
              Send for this event
            </Label>
          </div>
        </div>
        <Textarea
          id={id}
          ref={area}
          value={draft.body}
          rows={5}
          maxLength={MAX_TEMPLATE_LENGTH}
          readOnly={!canEdit}
          aria-invalid={problems.length > 0 || undefined}
          aria-describedby={`${id}-problems`}
          onChange={(e) => onChange({ ...draft, body: e.target.value })}
        />
        <div id={`${id}-problems`} className="grid gap-1 text-sm">
          {problems.map((p) => (
            <p key={describeProblem(p)} className="text-destructive" data-testid="template-problem">
              {describeProblem(p)}
            </p>
          ))}
          {blanks.length ? (
            <p className="text-warning">
              {blanks.map((b) => `{{${b}}}`).join(", ")} {blanks.length === 1 ? "has" : "have"} no value for {EVENT_LABELS[event]} and will be blank.
            </p>
          ) : null}
        </div>
        {canEdit ? (
          <div className="flex flex-wrap gap-1.5" role="group" aria-label="Insert a placeholder">
            {PLACEHOLDERS_FOR_EVENT[event].map((name) => (
              <Button key={name} type="button" variant="outline" size="sm" className="font-mono text-xs" title={PLACEHOLDER_HELP[name]} onClick={() => insert(name)}>
                {`{{${name}}}`}
              </Button>
            ))}
          </div>
        ) : null}
        {canEdit ? (
          <div className="flex flex-wrap items-center gap-2">
            <Button type="submit" disabled={!dirty || problems.length > 0 || !draft.body.trim() || saving}>
              {saving ? "Saving…" : "Save template"}
            </Button>
            <Button
              type="button"
              variant="ghost"
              disabled={draft.body === DEFAULT_SMS_TEMPLATES[event]}
              onClick={() => onChange({ ...draft, body: DEFAULT_SMS_TEMPLATES[event] })}
            >
              Use the default text
            </Button>
            <span className="text-xs text-muted-foreground">{dirty ? "Unsaved changes" : isDefault ? "Default template" : "Saved"}</span>
          </div>
        ) : null}
      </div>
      <div className="grid content-start gap-2">
        <p className="text-sm font-medium">Preview with sample data</p>
        <SmsPreview id={`${id}-preview`} text={draft.enabled ? renderTemplate(draft.body, sample) : ""} />
        {!draft.enabled ? <p className="text-xs text-muted-foreground">No SMS is sent for this event.</p> : null}
      </div>
    </form>
  );
}
