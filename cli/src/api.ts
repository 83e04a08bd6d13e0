// The CLI's one way to talk to Waypoint: the partner API with a partner key. The key goes in
// the Authorization header only; it is never printed, logged or put in an error message.

export const EXIT = {
  ok: 0,
  error: 1,
  usage: 2,
  auth: 3,
  notFound: 4,
  refused: 5,
  unreachable: 6,
  noListener: 7,
} as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    readonly code?: string,
  ) {
    super(message);
  }
}

export type ApiConfig = { baseUrl: string; apiKey: string };

export function resolveConfig(opts: { apiKey?: string; baseUrl?: string }): ApiConfig {
  const apiKey = opts.apiKey ?? process.env.WAYPOINT_API_KEY ?? "";
  if (!apiKey) throw new CliError("No API key. Pass --api-key or set WAYPOINT_API_KEY (a partner API key, wp_live_…, from Settings → API keys).", EXIT.auth);
  if (apiKey.startsWith("wp_ingest_")) throw new CliError("This is an ingest key; the CLI needs a partner API key (wp_live_…).", EXIT.auth);
  const baseUrl = (opts.baseUrl ?? process.env.WAYPOINT_URL ?? "http://localhost:3000").replace(/\/+$/, "");
  try {
    new URL(baseUrl);
  } catch {
    throw new CliError(`--base-url must be a URL such as http://localhost:3000 (got "${baseUrl}").`, EXIT.usage);
  }
  return { baseUrl, apiKey };
}

const EXIT_FOR_STATUS = (status: number) =>
  status === 401 || status === 403 ? EXIT.auth
  : status === 404 ? EXIT.notFound
  : status === 409 || status === 429 ? EXIT.refused
  : status === 400 || status === 422 ? EXIT.usage
  : EXIT.error;

/** Turns a non-2xx answer into a CliError carrying the API's own message. */
export async function failure(response: Response): Promise<CliError> {
  let code: string | undefined;
  let message = `${response.status} ${response.statusText}`;
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    if (body.error?.message) message = body.error.message;
    code = body.error?.code;
  } catch {
    // not JSON: keep the status line
  }
  return new CliError(message, EXIT_FOR_STATUS(response.status), code);
}

export async function apiFetch(config: ApiConfig, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${config.apiKey}`);
  if (init.body && !headers.has("content-type")) headers.set("content-type", "application/json");
  try {
    return await fetch(`${config.baseUrl}${path}`, { ...init, headers });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new CliError(`Cannot reach Waypoint at ${config.baseUrl} (${describeNetworkError(error)}). Is it running? Set --base-url or WAYPOINT_URL.`, EXIT.unreachable);
  }
}

export async function apiJson<T>(config: ApiConfig, path: string, init: RequestInit = {}): Promise<T> {
  const response = await apiFetch(config, path, init);
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

export function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
