// Browser-safe copy of the server action result shape, for components.
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string; code: string };
