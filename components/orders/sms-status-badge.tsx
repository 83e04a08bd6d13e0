import { Badge } from "@/components/ui/badge";

const SMS_STATUS = {
  pending: { label: "Queued", variant: "secondary" },
  retrying: { label: "Retrying", variant: "warning" },
  sent: { label: "Sent", variant: "success" },
  dead_lettered: { label: "Failed", variant: "destructive" },
} as const;

export function SmsStatusBadge({ status }: { status: keyof typeof SMS_STATUS }) {
  const s = SMS_STATUS[status];
  return <Badge variant={s.variant}>{s.label}</Badge>;
}
