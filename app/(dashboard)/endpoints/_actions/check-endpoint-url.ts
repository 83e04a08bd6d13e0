"use server";

import { z } from "zod";
import { requirePartnerScope } from "@/lib/auth/session";
import { runAction } from "@/lib/actions/result";
import { DESTINATION_TYPES } from "@/lib/delivery/destinations/config";
import { destinationUrlProblem } from "@/lib/endpoints/check-destination";
import { URL_MAX } from "@/lib/endpoints/rules";

/** The form asks as soon as the URL field loses focus, so the reason shows before saving. */
export async function checkEndpointUrlAction(url: unknown, destinationType: unknown = "http") {
  return runAction(async () => {
    await requirePartnerScope();
    return { problem: await destinationUrlProblem(z.enum(DESTINATION_TYPES).parse(destinationType), z.string().max(URL_MAX).parse(url)) };
  });
}
