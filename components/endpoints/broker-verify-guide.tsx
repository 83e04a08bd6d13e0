"use client";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import type { BrokerType } from "@/lib/delivery/destinations/config";
import { natsConsumerSnippet, rabbitConsumerSnippet } from "@/lib/endpoints/broker-verify-snippets";
import type { PayloadFormat } from "@/lib/events/catalog";
import { Snippet } from "./verify-guide";

/** "How to verify" for a broker destination: a consumer verifies message headers as a receiver verifies requests. */
export function BrokerVerifyGuide({ type, format }: { type: BrokerType; format: PayloadFormat }) {
  const rabbit = type === "rabbitmq";
  return (
    <Card>
      <CardHeader>
        <CardTitle>How to verify signatures</CardTitle>
        <CardDescription>
          Each message carries <code>webhook-id</code>, <code>webhook-timestamp</code> and <code>webhook-signature</code> as {rabbit ? "AMQP" : "NATS"} headers, over the
          body exactly as signed: any Standard Webhooks library verifies them, as for an HTTP webhook. The broker does not check signatures, so your consumer must, and
          it must expect a retried event again with the same id ({rabbit ? "message-id" : "Nats-Msg-Id"}).
        </CardDescription>
      </CardHeader>
      <CardContent>
        <Tabs defaultValue="node">
          <TabsList>
            <TabsTrigger value="node">Node.js consumer</TabsTrigger>
          </TabsList>
          <TabsContent value="node" className="grid gap-2">
            <p className="text-sm text-muted-foreground">
              Set <code>WAYPOINT_WEBHOOK_SECRET</code> to the secret above and {rabbit ? <code>AMQP_URL</code> : <code>NATS_URL</code>} to your broker; use your own{" "}
              {rabbit ? "queue (bound to the exchange)" : "stream and durable consumer"}.
            </p>
            <Snippet
              code={rabbit ? rabbitConsumerSnippet({ format, queueOrStream: "waypoint-orders" }) : natsConsumerSnippet({ format, queueOrStream: "WAYPOINT" })}
              label={`${rabbit ? "RabbitMQ" : "NATS"} consumer verification example`}
            />
          </TabsContent>
        </Tabs>
      </CardContent>
    </Card>
  );
}
