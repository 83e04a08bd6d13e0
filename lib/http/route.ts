// lib/http owns how route handlers answer: errors mapped in one place, request bodies read one bounded way.
import "server-only";
import { NextResponse } from "next/server";
import { AppError, toErrorBody } from "@/lib/errors";
import { discardSmallBody, hasUnreadBody } from "@/lib/http/body";
import { logger } from "@/lib/logger";

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/**
 * Cache-Control for small JSON answers that must not be cached and are not worth compressing:
 * Next.js's compression skips a response marked no-transform. Error answers and the ingest API's
 * answers carry it; larger reads (event log pages) are still compressed for clients that ask.
 */
export const NOT_COMPRESSED = "no-store, no-transform";

/**
 * Maps AppError/ZodError to their status and message; anything else to a logged, generic 500.
 * An answer given before the request's body was read to its end (401 before reading, 413, 408)
 * closes the connection: otherwise the server would go on pulling in the rest of the body to
 * keep the connection alive. An answer that asks the sender to come back (429, 503) reads a small
 * body first and keeps the connection (lib/http/body.ts, discardSmallBody).
 */
export function route<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    let response: Response;
    try {
      response = await handler(request, context);
    } catch (error) {
      const { status, body } = toErrorBody(error);
      // Not a refusal under overload: the gate logs those itself, at most a line every 10 s.
      if (status >= 500 && !(error instanceof AppError && error.code === "overloaded")) logger.error({ err: error, path: new URL(request.url).pathname }, "request failed");
      const retryAfter = (body.error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      response = NextResponse.json(body, { status, headers: { "cache-control": NOT_COMPRESSED, ...(retryAfter ? { "retry-after": String(retryAfter) } : {}) } });
    }
    if ((response.status === 429 || response.status === 503) && hasUnreadBody(request)) await discardSmallBody(request);
    if (hasUnreadBody(request)) {
      try {
        response.headers.set("connection", "close");
      } catch {
        // immutable headers (a redirect): nothing to add
      }
    }
    return response;
  };
}
