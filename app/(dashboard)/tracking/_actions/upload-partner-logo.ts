"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions/result";
import { requireAdmin, requirePartnerScope } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { savePartnerLogo } from "@/lib/partners/partner-logo";

/** The form's `logo` file. Checked by its bytes in savePartnerLogo (PNG/JPEG/WebP, ≤ 200 KB). */
export async function uploadPartnerLogo(form: FormData) {
  return runAction(async () => {
    const scope = await requirePartnerScope();
    requireAdmin(scope);
    const file = form.get("logo");
    if (!(file instanceof Blob)) throw new AppError("validation_failed", "Choose an image file to upload.");
    const result = await savePartnerLogo(scope.user, scope.partnerId, file);
    revalidatePath("/tracking");
    return result;
  });
}
