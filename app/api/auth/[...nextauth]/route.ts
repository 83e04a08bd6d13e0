import { NextResponse, type NextRequest } from "next/server";
import { handlers } from "@/lib/auth/config";
import { clientAddress, recordFailedSignIn, signInRetryAfter } from "@/lib/auth/sign-in-limit";

export const { GET } = handlers;

// Direct posts to the credentials callback are rate limited like the sign-in form: 429 + Retry-After.
export async function POST(request: NextRequest) {
  if (!request.nextUrl.pathname.endsWith("/callback/credentials")) return handlers.POST(request);
  const form = await request.clone().formData().catch(() => null);
  const email = String(form?.get("email") ?? "");
  const address = clientAddress(request.headers);
  const retryAfter = await signInRetryAfter(email, address);
  if (retryAfter > 0) {
    return NextResponse.json(
      { error: { code: "rate_limited", message: `Too many sign-in attempts. Try again in ${retryAfter} s.` } },
      { status: 429, headers: { "retry-after": String(retryAfter) } },
    );
  }
  const response = await handlers.POST(request);
  if (/[?&]error=/.test(response.headers.get("location") ?? "")) await recordFailedSignIn(email, address);
  return response;
}
