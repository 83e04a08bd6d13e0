"use client";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import type { PayloadFormat, SchemaVersion } from "@/lib/events/catalog";
import { curlSnippet, nodeVerifySnippet } from "@/lib/endpoints/verify-snippets";
import { CopyButton } from "@/components/ui/copy-button";

export function Snippet({ code, label }: { code: string; label: string }) {
  return (
    <div className="grid gap-2">
      <div className="flex justify-end">
        <CopyButton label={`Copy ${label}`} text={code} variant="ghost" />
      </div>
      <pre aria-label={label} className="max-h-[28rem] overflow-auto rounded-md bg-muted p-3 font-mono text-xs leading-relaxed">
        {code}
      </pre>
    </div>
  );
}

const listenCommand = (format: PayloadFormat, schemaVersion: SchemaVersion) =>
  `export WAYPOINT_API_KEY=wp_live_…   # Settings → API keys\nnpx waypoint listen --forward-to http://localhost:8080/webhooks --format ${format} --schema ${schemaVersion}`;

/** "How to verify": a receiver in a dozen lines, and a shell recipe to try it before any real event. */
export function VerifyGuide({ url, format, schemaVersion, sampleBody }: { url: string; format: PayloadFormat; schemaVersion: SchemaVersion; sampleBody: string }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>How to verify signatures</CardTitle>
        <CardDescription>
          Each webhook carries <code>webhook-id</code>, <code>webhook-timestamp</code> and <code>webhook-signature</code> (Standard Webhooks). Any Standard Webhooks
          library verifies them; always verify the raw body, before parsing it.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <div className="grid gap-2 rounded-md border p-3">
          <p className="text-sm">
            <strong>No public URL yet? Start here.</strong> On your laptop, <code>waypoint listen</code> (a partner API key from Settings → API keys) receives this
            partner&apos;s live events, rendered and signed exactly as this endpoint receives them, and posts each to your local server. It prints a{" "}
            <code>whsec_</code> secret for the session: use it in the code below while you develop, unchanged otherwise. Run{" "}
            <code>npx waypoint trigger delivered</code> in a second terminal for a test event.
          </p>
          <Snippet code={listenCommand(format, schemaVersion)} label="waypoint listen command" />
        </div>
        <Tabs defaultValue="node">
          <TabsList>
            <TabsTrigger value="node">Node.js</TabsTrigger>
            <TabsTrigger value="curl">curl</TabsTrigger>
          </TabsList>
          <TabsContent value="node" className="grid gap-2">
            <p className="text-sm text-muted-foreground">
              <code>npm install standardwebhooks express</code>, set <code>WAYPOINT_WEBHOOK_SECRET</code> to the secret above, and point this endpoint at the route.
              {schemaVersion === "v2" ? (
                <>
                  {" "}
                  Events can arrive out of order (a retry after a newer event): each carries <code>sequence</code>, 1, 2, 3 … per order, and the example
                  drops one that is not newer than the last it applied.
                </>
              ) : null}
            </p>
            <Snippet code={nodeVerifySnippet({ url, format, schemaVersion })} label="Node.js verification example" />
          </TabsContent>
          <TabsContent value="curl" className="grid gap-2">
            <p className="text-sm text-muted-foreground">
              Sends a correctly signed sample to your receiver (for example on localhost) with the three headers, so you can test your verification code
              before going live. Needs openssl, xxd and base64.
            </p>
            <Snippet code={curlSnippet({ url, format, body: sampleBody })} label="curl example" />
          </TabsContent>
        </Tabs>
      </CardContent>
    </Card>
  );
}
