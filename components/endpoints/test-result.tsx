"use client";

import { CircleCheck, CircleX, Lightbulb } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import type { TestSendResult } from "@/lib/endpoints/view";
import { HeaderList, RequestView } from "./request-view";
import { DateTime } from "@/components/ui/date-time";

const CLASS_LABELS: Record<string, string> = {
  timeout: "Timed out",
  dns: "DNS lookup failed",
  connection_refused: "Connection refused",
  tls: "TLS error",
  ssrf_blocked: "Blocked address",
  network: "Network error",
  broker_auth: "Access refused",
  broker_not_found: "Not found on the broker",
  broker_unroutable: "No queue bound",
  broker_timeout: "No acknowledgement",
  broker_error: "Broker error",
};

/** What the endpoint answered to a test send: status, latency, a hint, and the raw exchange. */
export function TestResult({ result }: { result: TestSendResult }) {
  // A broker destination answers with an acknowledgement, not an HTTP status.
  const status = result.statusCode ? `HTTP ${result.statusCode}` : result.success ? "Acknowledged" : (CLASS_LABELS[result.errorClass ?? ""] ?? "No answer");
  return (
    <div className="grid gap-3 rounded-lg border p-4" data-testid="test-result">
      <div className="flex flex-wrap items-center gap-3">
        {result.success ? <CircleCheck className="size-5 text-success" aria-hidden /> : <CircleX className="size-5 text-destructive" aria-hidden />}
        <span className="font-medium">{result.success ? "Your endpoint accepted the test event" : "The test event was not accepted"}</span>
        <Badge variant={result.success ? "success" : "destructive"} data-testid="test-status">
          {status}
        </Badge>
        <span className="text-sm text-muted-foreground" data-testid="test-latency">
          {result.latencyMs} ms
        </span>
        <DateTime iso={result.sentAt} className="text-xs text-muted-foreground" />
      </div>
      {result.errorMessage ? <p className="text-sm">{result.errorMessage}</p> : null}
      {result.hint ? (
        <Alert variant="warning" data-testid="test-hint">
          <Lightbulb aria-hidden />
          <AlertTitle>How to fix it</AlertTitle>
          <AlertDescription>{result.hint}</AlertDescription>
        </Alert>
      ) : null}
      <Tabs defaultValue="response-body">
        <TabsList>
          <TabsTrigger value="response-body">Response body</TabsTrigger>
          <TabsTrigger value="response-headers">Response headers</TabsTrigger>
          <TabsTrigger value="request">Request sent</TabsTrigger>
        </TabsList>
        <TabsContent value="response-body">
          {result.responseExcerpt ? (
            <pre aria-label="Response body excerpt" className="max-h-72 overflow-auto rounded-md bg-muted p-3 font-mono text-xs whitespace-pre-wrap break-all">
              {result.responseExcerpt}
            </pre>
          ) : (
            <p className="text-sm text-muted-foreground">{result.statusCode ? "The response had no body." : "No response arrived."}</p>
          )}
          <p className="mt-1 text-xs text-muted-foreground">The first 1 KB of the answer is kept.</p>
        </TabsContent>
        <TabsContent value="response-headers">
          <HeaderList headers={result.responseHeaders} label="Response headers received" />
        </TabsContent>
        <TabsContent value="request">
          <RequestView request={result.request} />
        </TabsContent>
      </Tabs>
    </div>
  );
}
