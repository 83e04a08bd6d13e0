"use client";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import type { PayloadFormat, SchemaVersion } from "@/lib/events/catalog";
import { curlSnippet, nodeVerifySnippet } from "@/lib/endpoints/verify-snippets";
import { CopyButton } from "./copy-button";

function Snippet({ code, label }: { code: string; label: string }) {
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
      <CardContent>
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
