import type { ReactNode } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { WaypointLogo } from "@/components/layout/waypoint-logo";

/** The card the signed-out pages share: brand, title, one sentence, content. */
export function AuthCard({ title, description, children }: { title: string; description: ReactNode; children: ReactNode }) {
  return (
    <Card className="w-full max-w-sm">
      <CardHeader>
        <WaypointLogo className="mb-2" />
        <CardTitle>
          <h1>{title}</h1>
        </CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}
