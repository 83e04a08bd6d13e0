// Calls the real route handlers with real Request objects: the same code Next runs.
export async function callRoute(
  handler: (req: Request, ctx: never) => Promise<Response>,
  init: { method?: string; path: string; key?: string; body?: unknown; raw?: string; headers?: Record<string, string>; params?: Record<string, string> },
) {
  const headers: Record<string, string> = { "content-type": "application/json", ...init.headers };
  if (init.key) headers.authorization = `Bearer ${init.key}`;
  const request = new Request(`http://localhost${init.path}`, {
    method: init.method ?? "POST",
    headers,
    body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  });
  const response = await handler(request, { params: Promise.resolve(init.params ?? {}) } as never);
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
}
