"use server";

import { z } from "zod";
import { requirePartnerScope } from "@/lib/auth/session";
import { runAction } from "@/lib/actions/result";
import { endpointUrlProblem } from "@/lib/endpoints/check-url";
import { URL_MAX } from "@/lib/endpoints/rules";

/** The form asks as soon as the URL field loses focus, so the reason shows before saving. */
export async function checkEndpointUrlAction(url: unknown) {
  return runAction(async () => {
    await requirePartnerScope();
    return { problem: await endpointUrlProblem(z.string().max(URL_MAX).parse(url)) };
  });
}
