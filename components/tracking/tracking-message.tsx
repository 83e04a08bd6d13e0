import { MapPinOff } from "lucide-react";

/** A full-page sentence for the customer: link unknown, or tracking off for the merchant. */
export function TrackingMessage({ title, description }: { title: string; description: string }) {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col items-center justify-center gap-3 p-6 text-center">
      <MapPinOff className="size-8 text-muted-foreground" aria-hidden />
      <h1 className="text-xl font-semibold">{title}</h1>
      <p className="text-sm text-muted-foreground">{description}</p>
    </main>
  );
}
