"use client";

import { KeyRound } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { DateTime } from "@/components/ui/date-time";
import { CreateApiKeyDialog } from "@/components/settings/create-api-key-dialog";
import { RevokeApiKeyButton } from "@/components/settings/revoke-api-key-button";
import type { ActionResult } from "@/lib/actions/types";
import type { ApiKeyKind, ApiKeySummary, CreateApiKeyInput, IssuedApiKey } from "@/lib/api-keys/input";

type Props = {
  kind: ApiKeyKind;
  title: string;
  description: string;
  keys: ApiKeySummary[];
  partnerName: string;
  /** Null when the viewer may not create or revoke: the reason is shown instead. */
  manage: { create: (input: CreateApiKeyInput) => Promise<ActionResult<IssuedApiKey>>; revoke: (input: { id: string }) => Promise<ActionResult<unknown>> } | null;
  readOnlyReason?: string;
};

/** A list of API keys of one kind: name, prefix, dates, status; create and revoke for those allowed. */
export function ApiKeysCard({ kind, title, description, keys, partnerName, manage, readOnlyReason }: Props) {
  const headingId = `${kind}-keys-heading`;
  return (
    <Card aria-labelledby={headingId} role="region">
      <CardHeader>
        <CardTitle id={headingId}>{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
        {manage ? (
          <CardAction>
            <CreateApiKeyDialog kind={kind} partnerName={partnerName} create={manage.create} />
          </CardAction>
        ) : null}
      </CardHeader>
      <CardContent className="grid gap-3">
        {!manage && readOnlyReason ? <p className="text-sm text-muted-foreground">{readOnlyReason}</p> : null}
        {keys.length === 0 ? (
          <EmptyState
            icon={<KeyRound />}
            title="No keys yet"
            description={manage ? `Create a key and store it where your ${kind === "partner" ? "automation" : "OMS or dispatch system"} runs. It is shown once.` : "Your admin can create one."}
          />
        ) : (
          <Table aria-label={title}>
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Key</TableHead>
                {kind === "ingest" ? <TableHead>For</TableHead> : null}
                <TableHead>Created</TableHead>
                <TableHead>Last used</TableHead>
                <TableHead>Status</TableHead>
                {manage ? <TableHead className="sr-only">Actions</TableHead> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {keys.map((k) => (
                <TableRow key={k.id}>
                  <TableCell className="font-medium">{k.name}</TableCell>
                  <TableCell className="font-mono text-xs">{k.prefix}…</TableCell>
                  {kind === "ingest" ? <TableCell>{k.boundToPartner ? partnerName : "All partners"}</TableCell> : null}
                  <TableCell>
                    <DateTime iso={k.createdAt} />
                    {k.createdBy ? <span className="block text-xs text-muted-foreground">by {k.createdBy}</span> : null}
                  </TableCell>
                  <TableCell>{k.lastUsedAt ? <DateTime iso={k.lastUsedAt} /> : <span className="text-muted-foreground">Never</span>}</TableCell>
                  <TableCell>
                    {k.revokedAt ? (
                      <Badge variant="secondary">
                        Revoked <DateTime iso={k.revokedAt} />
                      </Badge>
                    ) : (
                      <Badge variant="success">Active</Badge>
                    )}
                  </TableCell>
                  {manage ? <TableCell className="text-right">{k.revokedAt ? null : <RevokeApiKeyButton apiKey={k} revoke={manage.revoke} />}</TableCell> : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
