// lib/actions owns the server-action result: expected failures as values (ActionResult), anything else a logged generic sentence.
import "server-only";
import { ZodError } from "zod";
import { AppError, describeZodError } from "@/lib/errors";
import { logger } from "@/lib/logger";

export type { ActionResult } from "@/lib/actions/types";
import type { ActionResult } from "@/lib/actions/types";

/**
 * Server actions return expected failures as values (so the form can show them inline) and
 * never leak internals: anything unexpected is logged and answered with a generic sentence.
 */
export async function runAction<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.message, code: error.code };
    if (error instanceof ZodError) return { ok: false, error: describeZodError(error), code: "validation_failed" };
    logger.error({ err: error }, "server action failed");
    return { ok: false, error: "Something went wrong on our side. Please try again.", code: "internal" };
  }
}
