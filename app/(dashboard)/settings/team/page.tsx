import type { Metadata } from "next";
import { canAdminister, requirePageScope } from "@/lib/auth/session";
import { listTeam } from "@/lib/team/members";
import { getPartner } from "@/lib/partners/queries";
import { PageHeader } from "@/components/layout/page-header";
import { SettingsNav } from "@/components/settings/settings-nav";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { InviteForm } from "@/components/team/invite-form";
import { InvitesTable, MembersTable } from "@/components/team/team-table";
import { inviteMember } from "./_actions/invite-member";
import { resendInviteAction } from "./_actions/resend-invite";
import { revokeInviteAction } from "./_actions/revoke-invite";
import { changeMemberRoleAction } from "./_actions/change-member-role";
import { removeMemberAction } from "./_actions/remove-member";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage() {
  const scope = await requirePageScope();
  const admin = canAdminister(scope);
  const [partner, team] = await Promise.all([getPartner(scope.partnerId), listTeam(scope.partnerId)]);
  return (
    <>
      <PageHeader title="Settings" description={`Who has access to ${partner?.name ?? "this partner"} in Waypoint.`} />
      <SettingsNav current="/settings/team" />
      <div className="grid gap-6">
        {admin ? (
          <Card>
            <CardHeader>
              <CardTitle>Invite a teammate</CardTitle>
              <CardDescription>They get an email with a link to set their name and password.</CardDescription>
            </CardHeader>
            <CardContent>
              <InviteForm invite={inviteMember} defaultRole={team.members.length === 0 ? "partner_admin" : "partner_member"} />
            </CardContent>
          </Card>
        ) : null}
        <Card>
          <CardHeader>
            <CardTitle>Members</CardTitle>
            <CardDescription>{admin ? "Change a role or remove someone. A partner always keeps at least one admin." : "Ask an admin to change roles or invite people."}</CardDescription>
          </CardHeader>
          <CardContent>
            <MembersTable
              currentUserId={scope.user.id}
              members={team.members.map((m) => ({ ...m, lastLoginAt: m.lastLoginAt?.toISOString() ?? null }))}
              manage={admin ? { changeRole: changeMemberRoleAction, remove: removeMemberAction } : null}
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Pending invitations</CardTitle>
          </CardHeader>
          <CardContent>
            <InvitesTable
              invites={team.invites.map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString(), lastSentAt: i.lastSentAt.toISOString() }))}
              manage={admin ? { resend: resendInviteAction, revoke: revokeInviteAction } : null}
            />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
