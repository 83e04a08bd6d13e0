/** A field's error, under the field, referenced by its aria-describedby. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="text-sm text-destructive" data-testid={id}>
      {message}
    </p>
  );
}
