import type { Metadata } from "next";
import Link from "next/link";
import { ZodError } from "zod";
import { requirePageScope } from "@/lib/auth/session";
import { describeZodError } from "@/lib/errors";
import { intakeFailureGroups, intakeSourceOptions, listIntakeLog, parseIntakeFilter, type IntakeFilter } from "@/lib/intake/intake-log";
import { PageHeader } from "@/components/layout/page-header";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { FailureGroups, IntakeEntries, IntakeFilters } from "@/components/intake/intake-log-view";
import { replayFailedIntakesAction } from "./_actions/replay-failed-intakes";
import { replayIntakeAction } from "./_actions/replay-intake";

export const metadata: Metadata = { title: "Intake Log" };

export default async function IntakeLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const scope = await requirePageScope();
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  let filter: IntakeFilter;
  let problem: string | null = null;
  try {
    filter = parseIntakeFilter(raw);
  } catch (error) {
    problem = error instanceof ZodError ? describeZodError(error) : "This link's filters could not be read.";
    filter = parseIntakeFilter({});
  }
  const [sources, failures, entries] = await Promise.all([intakeSourceOptions(scope.partnerId), intakeFailureGroups(scope.partnerId, filter), listIntakeLog(scope.partnerId, filter)]);
  const actions = { replay: replayIntakeAction, replayAll: replayFailedIntakesAction };
  return (
    <>
      <PageHeader title="Intake Log" description="Every order webhook your sales channels sent, and what became of it." />
      {sources.length === 0 ? (
        <Alert className="mb-6">
          <AlertDescription>
            No order sources yet. Add one under{" "}
            <Link className="underline" href="/settings/order-sources">
              Settings → Order sources
            </Link>
            .
          </AlertDescription>
        </Alert>
      ) : null}
      {problem ? (
        <Alert variant="destructive" className="mb-6">
          <AlertDescription>Filters ignored: {problem}</AlertDescription>
        </Alert>
      ) : null}
      <div className="grid gap-6">
        <IntakeFilters sources={sources} />
        <FailureGroups groups={failures} actions={actions} range={filter.range} />
        <Card>
          <CardHeader>
            <CardTitle>Requests</CardTitle>
          </CardHeader>
          <CardContent>
            <IntakeEntries entries={entries} actions={actions} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
