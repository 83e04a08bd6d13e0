"use client";

import { useMemo, useState } from "react";
import { toast } from "sonner";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import type { ActionResult } from "@/lib/actions/types";
import { EVENT_LABELS, EVENT_TYPES, type EventType } from "@/lib/events/catalog";
import { sampleValues } from "@/lib/sms/sample-values";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { SmsTemplateForm, type TemplateDraft } from "@/components/tracking/sms-template-form";

export type TemplateSetting = { eventType: EventType; body: string; enabled: boolean; isDefault: boolean };
type Saved = { eventType: EventType; body: string; enabled: boolean };

type Props = {
  templates: TemplateSetting[];
  merchantName: string;
  /** The partner's zone: the preview writes times where the real SMS will. */
  timeZone: string;
  sampleLink: string;
  /** The server's clock, so the preview renders the same text on the server and in the browser. */
  previewNow: string;
  canEdit: boolean;
  onSave: (input: Saved) => Promise<ActionResult<Saved>>;
};

const byEvent = <T,>(make: (e: EventType) => T) => Object.fromEntries(EVENT_TYPES.map((e) => [e, make(e)])) as Record<EventType, T>;

/** One tab per event type; drafts live here so switching tabs keeps unsaved text. */
export function SmsTemplateEditor({ templates, merchantName, timeZone, sampleLink, previewNow, canEdit, onSave }: Props) {
  const initial = byEvent((e) => templates.find((t) => t.eventType === e)!);
  const [saved, setSaved] = useState(initial);
  const [drafts, setDrafts] = useState<Record<EventType, TemplateDraft>>(byEvent((e) => ({ body: initial[e].body, enabled: initial[e].enabled })));
  const samples = useMemo(
    () => byEvent((e) => sampleValues(e, { merchantName, trackingLink: sampleLink, now: new Date(previewNow), timeZone })),
    [merchantName, sampleLink, previewNow, timeZone],
  );

  const mutation = useActionMutation(onSave, {
    onSuccess: (data) => {
      setSaved((s) => ({ ...s, [data.eventType]: { ...data, isDefault: false } }));
      // The server trims; the draft follows so it does not look unsaved.
      setDrafts((d) => ({ ...d, [data.eventType]: { body: data.body, enabled: data.enabled } }));
      toast.success(`${EVENT_LABELS[data.eventType]} template saved`);
    },
    onError: (error) => toast.error(error.message),
  });

  return (
    <Tabs defaultValue="out_for_delivery">
      <TabsList className="h-auto w-full flex-wrap justify-start">
        {EVENT_TYPES.map((e) => (
          <TabsTrigger key={e} value={e} className="flex-none">
            {EVENT_LABELS[e]}
            {!drafts[e].enabled ? <span className="text-xs text-muted-foreground">(off)</span> : null}
          </TabsTrigger>
        ))}
      </TabsList>
      {EVENT_TYPES.map((e) => (
        <TabsContent key={e} value={e} className="pt-2">
          <SmsTemplateForm
            event={e}
            draft={drafts[e]}
            dirty={drafts[e].body !== saved[e].body || drafts[e].enabled !== saved[e].enabled}
            isDefault={saved[e].isDefault}
            sample={samples[e]}
            canEdit={canEdit}
            saving={mutation.isPending && mutation.variables?.eventType === e}
            onChange={(draft) => setDrafts((d) => ({ ...d, [e]: draft }))}
            onSave={() => mutation.mutate({ eventType: e, body: drafts[e].body, enabled: drafts[e].enabled })}
          />
        </TabsContent>
      ))}
    </Tabs>
  );
}
