"use client";

import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import type { TestRequestPreview } from "@/lib/endpoints/view";
import { CopyButton } from "@/components/ui/copy-button";

/** JSON is shown indented for reading; Copy gives the exact bytes that are signed and sent. */
function readable(body: string, contentType: string) {
  if (!contentType.includes("json")) return body;
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

export function HeaderList({ headers, label }: { headers: Record<string, string>; label: string }) {
  const entries = Object.entries(headers);
  if (entries.length === 0) return <p className="text-sm text-muted-foreground">No headers.</p>;
  return (
    <pre aria-label={label} className="max-h-72 overflow-auto rounded-md bg-muted p-3 font-mono text-xs leading-relaxed whitespace-pre-wrap break-all">
      {entries.map(([k, v]) => `${k}: ${v}`).join("\n")}
    </pre>
  );
}

export function RequestView({ request, note }: { request: TestRequestPreview; note?: string }) {
  return (
    <Tabs defaultValue="body">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <TabsList>
          <TabsTrigger value="body">Body</TabsTrigger>
          <TabsTrigger value="headers">Headers</TabsTrigger>
        </TabsList>
        <CopyButton label="Copy request body" text={request.body} variant="ghost">
          Copy body
        </CopyButton>
      </div>
      <TabsContent value="body">
        {/* A broker destination's "URL" is where it publishes: the broker → exchange/routing key or subject. */}
        <p className="mb-2 font-mono text-xs text-muted-foreground break-all">{/^https?:/.test(request.url) ? `POST ${request.url}` : `Publish to ${request.url}`}</p>
        <pre aria-label="Request body" className="max-h-96 overflow-auto rounded-md bg-muted p-3 font-mono text-xs leading-relaxed">
          {readable(request.body, request.contentType)}
        </pre>
      </TabsContent>
      <TabsContent value="headers">
        <HeaderList headers={request.headers} label="Request headers" />
        {note ? <p className="mt-2 text-xs text-muted-foreground">{note}</p> : null}
      </TabsContent>
    </Tabs>
  );
}
