import "server-only";
import { NextResponse } from "next/server";
import { toErrorBody } from "@/lib/errors";
import { logger } from "@/lib/logger";

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/** Maps AppError/ZodError to their status and message; anything else to a logged, generic 500. */
export function route<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      const { status, body } = toErrorBody(error);
      if (status >= 500) logger.error({ err: error, path: new URL(request.url).pathname }, "request failed");
      const retryAfter = (body.error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      return NextResponse.json(body, { status, headers: retryAfter ? { "retry-after": String(retryAfter) } : {} });
    }
  };
}

export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    const { AppError } = await import("@/lib/errors");
    throw new AppError("bad_request", "Request body is not valid JSON.");
  }
}
