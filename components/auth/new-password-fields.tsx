import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { MIN_PASSWORD_LENGTH, type PasswordField } from "@/lib/auth/password-form";

type Errors = Partial<Record<PasswordField, string>>;

/** A password input with its inline error, announced and tied to the input for screen readers. */
export function PasswordInput({ name, label, autoComplete, errors, hint }: { name: PasswordField; label: string; autoComplete: string; errors: Errors; hint?: string }) {
  const error = errors[name];
  const describedBy = error ? `${name}-error` : hint ? `${name}-hint` : undefined;
  return (
    <div className="grid gap-2">
      <Label htmlFor={name}>{label}</Label>
      <Input id={name} name={name} type="password" autoComplete={autoComplete} required aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
      {error ? (
        <p id={`${name}-error`} className="text-sm text-destructive" data-testid={`${name}-error`}>
          {error}
        </p>
      ) : hint ? (
        <p id={`${name}-hint`} className="text-sm text-muted-foreground">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** New password + confirmation, as the reset link and the change-password card both ask. */
export function NewPasswordFields({ errors }: { errors: Errors }) {
  return (
    <>
      <PasswordInput name="password" label="New password" autoComplete="new-password" errors={errors} hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few uncommon words are easy to remember and hard to guess.`} />
      <PasswordInput name="confirm" label="Confirm new password" autoComplete="new-password" errors={errors} />
    </>
  );
}
