"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import type { ActionResult } from "@/lib/actions/types";
import { TEAM_ROLE_LABEL, TEAM_ROLES, type TeamRole } from "@/lib/team/rules";
import { NativeSelect } from "./native-select";

type Member = { id: string; name: string; email: string; role: TeamRole; lastLoginAt: string | null };
type Manage = {
  changeRole: (input: { id: string; role: string }) => Promise<ActionResult<{ id: string; role: string }>>;
  remove: (input: { id: string }) => Promise<ActionResult<{ id: string }>>;
};

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "Never");

export function MembersTable({ members, currentUserId, manage }: { members: Member[]; currentUserId: string; manage: Manage | null }) {
  return (
    <Table aria-label="Team members">
      <TableHeader>
        <TableRow>
          <TableHead>Name</TableHead>
          <TableHead>Email</TableHead>
          <TableHead>Role</TableHead>
          <TableHead>Last sign-in</TableHead>
          {manage ? <TableHead /> : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {members.map((m) => (
          <TableRow key={m.id}>
            <TableCell className="font-medium">
              {m.name} {m.id === currentUserId ? <span className="text-xs text-muted-foreground">(you)</span> : null}
            </TableCell>
            <TableCell>{m.email}</TableCell>
            <TableCell>{manage ? <RoleSelect member={m} changeRole={manage.changeRole} /> : TEAM_ROLE_LABEL[m.role]}</TableCell>
            <TableCell className="text-sm text-muted-foreground">{when(m.lastLoginAt)}</TableCell>
            {manage ? (
              <TableCell className="text-right">
                <RemoveMember member={m} remove={manage.remove} />
              </TableCell>
            ) : null}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function RoleSelect({ member, changeRole }: { member: Member; changeRole: Manage["changeRole"] }) {
  const router = useRouter();
  const mutation = useActionMutation(changeRole, {
    onSuccess: () => {
      toast.success(`${member.email} is now ${TEAM_ROLE_LABEL[member.role === "partner_admin" ? "partner_member" : "partner_admin"].toLowerCase()}.`);
      router.refresh();
    },
    onError: (e) => toast.error(e.message),
  });
  return (
    <NativeSelect aria-label={`Role of ${member.email}`} value={member.role} disabled={mutation.isPending} onChange={(e) => mutation.mutate({ id: member.id, role: e.target.value })}>
      {TEAM_ROLES.map((r) => (
        <option key={r} value={r}>
          {TEAM_ROLE_LABEL[r]}
        </option>
      ))}
    </NativeSelect>
  );
}

function RemoveMember({ member, remove }: { member: Member; remove: Manage["remove"] }) {
  const router = useRouter();
  const mutation = useActionMutation(remove, {
    onSuccess: () => {
      toast.success(`${member.email} was removed. Their session ends on their next click.`);
      router.refresh();
    },
    onError: (e) => toast.error(e.message),
  });
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Remove ${member.email}`}>
          Remove
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Remove {member.name}?</AlertDialogTitle>
          <AlertDialogDescription>{member.email} loses access at once, including any session open right now. You can invite them again later.</AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction onClick={() => mutation.mutate({ id: member.id })}>Remove</AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}

type Invite = { id: string; email: string; role: TeamRole; expiresAt: string; lastSentAt: string; state: string };
type ManageInvites = { resend: (input: { id: string }) => Promise<ActionResult<{ id: string }>>; revoke: (input: { id: string }) => Promise<ActionResult<{ id: string }>> };

export function InvitesTable({ invites, manage }: { invites: Invite[]; manage: ManageInvites | null }) {
  const router = useRouter();
  const done = (message: string) => () => {
    toast.success(message);
    router.refresh();
  };
  const resend = useActionMutation(manage?.resend ?? noop, { onSuccess: done("Invitation sent again with a new link."), onError: (e) => toast.error(e.message) });
  const revoke = useActionMutation(manage?.revoke ?? noop, { onSuccess: done("Invitation withdrawn."), onError: (e) => toast.error(e.message) });
  if (invites.length === 0) return <p className="text-sm text-muted-foreground">No pending invitations.</p>;
  return (
    <Table aria-label="Pending invitations">
      <TableHeader>
        <TableRow>
          <TableHead>Email</TableHead>
          <TableHead>Role</TableHead>
          <TableHead>State</TableHead>
          <TableHead>Last sent</TableHead>
          {manage ? <TableHead /> : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {invites.map((i) => (
          <TableRow key={i.id}>
            <TableCell>{i.email}</TableCell>
            <TableCell>{TEAM_ROLE_LABEL[i.role]}</TableCell>
            <TableCell>
              {i.state === "expired" ? <Badge variant="warning">Expired</Badge> : <Badge variant="secondary">Pending until {new Date(i.expiresAt).toLocaleDateString()}</Badge>}
            </TableCell>
            <TableCell className="text-sm text-muted-foreground">{new Date(i.lastSentAt).toLocaleString()}</TableCell>
            {manage ? (
              <TableCell className="space-x-1 text-right">
                <Button variant="outline" size="sm" aria-label={`Resend invitation to ${i.email}`} disabled={resend.isPending} onClick={() => resend.mutate({ id: i.id })}>
                  Resend
                </Button>
                <Button variant="ghost" size="sm" aria-label={`Withdraw invitation to ${i.email}`} disabled={revoke.isPending} onClick={() => revoke.mutate({ id: i.id })}>
                  Withdraw
                </Button>
              </TableCell>
            ) : null}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

const noop = async (): Promise<ActionResult<{ id: string }>> => ({ ok: false, error: "Not allowed", code: "forbidden" });
