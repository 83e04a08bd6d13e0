import type { Metadata } from "next";
import { canAdminister, requirePageScope } from "@/lib/auth/session";
import { trackingUrl } from "@/lib/orders/tracking-url";
import { getPartnerLogoInfo } from "@/lib/partners/partner-logo";
import { getSmsSettings } from "@/lib/sms/get-sms-settings";
import { listRecentSms, OUTBOX_PAGE_SIZE } from "@/lib/sms/list-sms";
import { PageHeader } from "@/components/layout/page-header";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Layer1Switches } from "@/components/tracking/layer1-switches";
import { PartnerLogoForm } from "@/components/tracking/partner-logo-form";
import { SmsOutbox } from "@/components/tracking/sms-outbox";
import { SmsTemplateEditor } from "@/components/tracking/sms-template-editor";
import { TimeZoneField } from "@/components/tracking/time-zone-field";
import { removePartnerLogo } from "./_actions/remove-partner-logo";
import { retrySms } from "./_actions/retry-sms";
import { saveSmsTemplate } from "./_actions/save-sms-template";
import { updateCustomerTimeZoneAction } from "./_actions/update-customer-time-zone";
import { updateTrackingSettings } from "./_actions/update-tracking-settings";
import { uploadPartnerLogo } from "./_actions/upload-partner-logo";

export const metadata: Metadata = { title: "Tracking & SMS" };

// A real-length link on this deployment's host, so the preview's SMS count is the real one.
const SAMPLE_TOKEN = "SampleTrackingToken00042";

export default async function TrackingSMSPage() {
  const scope = await requirePageScope();
  const [settings, outbox, logo] = await Promise.all([getSmsSettings(scope.partnerId), listRecentSms(scope.partnerId), getPartnerLogoInfo(scope.partnerId)]);
  const canEdit = canAdminister(scope);

  return (
    <>
      <PageHeader title="Tracking & SMS" description="The public tracking page and templated SMS for your customers. No integration needed." />
      <div className="grid gap-6">
        {!canEdit ? (
          <Alert>
            <AlertDescription>You can see these settings; only a partner admin can change them.</AlertDescription>
          </Alert>
        ) : null}
        <Card>
          <CardHeader>
            <CardTitle>Customer updates</CardTitle>
            <CardDescription>Switch on what your customers get for every order.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-6">
            <Layer1Switches trackingEnabled={settings.trackingEnabled} smsEnabled={settings.smsEnabled} canEdit={canEdit} onSave={updateTrackingSettings} />
            <TimeZoneField timeZone={settings.timeZone} canEdit={canEdit} onSave={updateCustomerTimeZoneAction} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Logo</CardTitle>
            <CardDescription>Shown at the top of your public tracking page, above your name.</CardDescription>
          </CardHeader>
          <CardContent>
            <PartnerLogoForm logo={logo} merchantName={settings.merchantName} canEdit={canEdit} onUpload={uploadPartnerLogo} onRemove={removePartnerLogo} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>SMS templates</CardTitle>
            <CardDescription>One message per event. Placeholders are filled in for each order; the preview uses sample data.</CardDescription>
          </CardHeader>
          <CardContent>
            <SmsTemplateEditor
              templates={settings.templates}
              merchantName={settings.merchantName}
              timeZone={settings.timeZone}
              sampleLink={trackingUrl(SAMPLE_TOKEN)}
              previewNow={new Date().toISOString()}
              canEdit={canEdit}
              onSave={saveSmsTemplate}
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>SMS outbox</CardTitle>
            <CardDescription>The latest {outbox.length === OUTBOX_PAGE_SIZE ? `${OUTBOX_PAGE_SIZE} ` : ""}messages sent to your customers, and what happened to each.</CardDescription>
          </CardHeader>
          <CardContent>
            <SmsOutbox rows={outbox} smsEnabled={settings.smsEnabled} canRetry={canEdit} onRetry={retrySms} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
