import type { SessionUser } from "@/lib/auth/types";

// Who "is signed in" for requirePartnerScope(): tenant-isolation.test.ts mocks next-auth's `auth()`
// and next/headers' cookies to read this object, and `as()` sets it for the length of one call.
export const session = { user: null as SessionUser | null, partnerCookie: undefined as string | undefined, cookieWrites: [] as string[] };

export type Principal = { name: string; key?: string; user?: SessionUser; partnerCookie?: string };

export async function as<T>(p: Principal, fn: () => Promise<T>): Promise<T> {
  session.user = p.user ?? null;
  session.partnerCookie = p.partnerCookie;
  try {
    return await fn();
  } finally {
    session.user = null;
    session.partnerCookie = undefined;
  }
}
