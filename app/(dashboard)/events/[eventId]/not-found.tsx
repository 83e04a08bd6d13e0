import Link from "next/link";
import { SearchX } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function EventNotFound() {
  return (
    <EmptyState
      icon={<SearchX />}
      title="Event not found"
      description="There is no event with this id for your account. Check the link, or find the event in the Event Log."
      action={
        <Button asChild variant="outline">
          <Link href="/events">Go to the Event Log</Link>
        </Button>
      }
    />
  );
}
