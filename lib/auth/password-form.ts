import { z } from "zod";

// The fields of the password forms (reset link, change password), shared by the server actions
// and the forms (browser-safe: the strength check and its dictionaries stay on the server).
// Strength is judged separately (password-strength.ts): it needs the person's email and name.

export const MIN_PASSWORD_LENGTH = 10;
// bcrypt reads only the first 72 bytes; longer than this is a paste accident.
export const MAX_PASSWORD_LENGTH = 200;

export const newPasswordSchema = z
  .object({
    password: z.string().min(1, "Enter a new password.").max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords don't match." });

export const changePasswordSchema = z.intersection(z.object({ current: z.string().min(1, "Enter your current password.").max(MAX_PASSWORD_LENGTH) }), newPasswordSchema);

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address."));
export const forgotPasswordSchema = z.object({ email: emailSchema });

export type PasswordField = "current" | "password" | "confirm";

/** What a password form shows after a submit: a message per field, or one for the whole form. */
export type PasswordFormState = { fieldErrors: Partial<Record<PasswordField, string>>; error: string | null; done: boolean };
export const initialPasswordFormState: PasswordFormState = { fieldErrors: {}, error: null, done: false };

/** The first message per field from a failed parse, as the form shows them. */
export function fieldErrorsOf(error: z.ZodError): Partial<Record<PasswordField, string>> {
  const out: Partial<Record<PasswordField, string>> = {};
  for (const issue of error.issues) {
    const field = issue.path[0] as PasswordField;
    out[field] ??= issue.message;
  }
  return out;
}
