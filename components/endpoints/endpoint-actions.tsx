"use client";

import { useState } from "react";
import Link from "next/link";
import { MoreHorizontal, Pencil, Power, PowerOff, Send, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { DeleteEndpointDialog, DisableEndpointDialog, type DeleteAction, type UpdateAction } from "./endpoint-dialogs";
import { EnableEndpointDialog } from "./enable-endpoint-dialog";

type Endpoint = { id: string; url: string; enabled: boolean };
type Props = { endpoint: Endpoint; update: UpdateAction; remove: DeleteAction };

/** Edit / Disable or Enable / Delete, as buttons on the endpoint's own page (admins only). */
export function EndpointHeaderActions({ endpoint, update, remove }: Props) {
  const [dialog, setDialog] = useState<"disable" | "enable" | "delete" | null>(null);
  return (
    <div className="flex flex-wrap gap-2">
      <Button variant="outline" asChild>
        <Link href={`/endpoints/${endpoint.id}/edit`}>
          <Pencil aria-hidden /> Edit
        </Link>
      </Button>
      {endpoint.enabled ? (
        <Button variant="outline" onClick={() => setDialog("disable")}>
          <PowerOff aria-hidden /> Disable
        </Button>
      ) : (
        <Button variant="outline" onClick={() => setDialog("enable")}>
          <Power aria-hidden /> Enable
        </Button>
      )}
      <Button variant="outline" className="text-destructive" onClick={() => setDialog("delete")}>
        <Trash2 aria-hidden /> Delete
      </Button>
      <DisableEndpointDialog open={dialog === "disable"} onOpenChange={(o) => setDialog(o ? "disable" : null)} endpoint={endpoint} update={update} />
      <EnableEndpointDialog open={dialog === "enable"} onOpenChange={(o) => setDialog(o ? "enable" : null)} endpoint={endpoint} update={update} />
      <DeleteEndpointDialog open={dialog === "delete"} onOpenChange={(o) => setDialog(o ? "delete" : null)} endpoint={endpoint} remove={remove} afterDelete="list" />
    </div>
  );
}

/** The same actions from a row of the list, plus a shortcut to the test sender. */
export function EndpointRowMenu({ endpoint, update, remove, canAdminister }: Props & { canAdminister: boolean }) {
  const [dialog, setDialog] = useState<"disable" | "enable" | "delete" | null>(null);
  return (
    <>
      {/* Not modal: a dialog opened from an item must get pointer events back when the menu closes. */}
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="icon-sm" aria-label={`Actions for ${endpoint.url}`}>
            <MoreHorizontal aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuItem asChild>
            <Link href={`/endpoints/${endpoint.id}#test`}>
              <Send aria-hidden /> Send test event
            </Link>
          </DropdownMenuItem>
          {canAdminister ? (
            <>
              <DropdownMenuItem asChild>
                <Link href={`/endpoints/${endpoint.id}/edit`}>
                  <Pencil aria-hidden /> Edit
                </Link>
              </DropdownMenuItem>
              {endpoint.enabled ? (
                <DropdownMenuItem onSelect={() => setDialog("disable")}>
                  <PowerOff aria-hidden /> Disable
                </DropdownMenuItem>
              ) : (
                <DropdownMenuItem onSelect={() => setDialog("enable")}>
                  <Power aria-hidden /> Enable
                </DropdownMenuItem>
              )}
              <DropdownMenuSeparator />
              <DropdownMenuItem variant="destructive" onSelect={() => setDialog("delete")}>
                <Trash2 aria-hidden /> Delete
              </DropdownMenuItem>
            </>
          ) : null}
        </DropdownMenuContent>
      </DropdownMenu>
      <DisableEndpointDialog open={dialog === "disable"} onOpenChange={(o) => setDialog(o ? "disable" : null)} endpoint={endpoint} update={update} />
      <EnableEndpointDialog open={dialog === "enable"} onOpenChange={(o) => setDialog(o ? "enable" : null)} endpoint={endpoint} update={update} />
      <DeleteEndpointDialog open={dialog === "delete"} onOpenChange={(o) => setDialog(o ? "delete" : null)} endpoint={endpoint} remove={remove} afterDelete="refresh" />
    </>
  );
}
