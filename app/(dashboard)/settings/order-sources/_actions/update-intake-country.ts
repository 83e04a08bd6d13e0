"use server";

import { revalidatePath } from "next/cache";
import { requirePartnerScope } from "@/lib/auth/session";
import { runAction } from "@/lib/actions/result";
import { writerFromScope } from "@/lib/endpoints/actor";
import { countrySchema } from "@/lib/intake/input";
import { setIntakeCountry } from "@/lib/intake/sources";

/** The country a phone without a country code is read in, for every order source. */
export async function updateIntakeCountryAction(input: { country: string }) {
  return runAction(async () => {
    const scope = await requirePartnerScope();
    const actor = writerFromScope(scope);
    const { country } = countrySchema.parse(input);
    const result = await setIntakeCountry(scope.partnerId, country, actor);
    revalidatePath("/settings/order-sources");
    return result;
  });
}
