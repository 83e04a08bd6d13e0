import "server-only";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { currentSessionFacts } from "@/lib/auth/session-facts";
import type { Role, SessionUser } from "@/lib/auth/types";

declare module "next-auth" {
  interface Session {
    user: SessionUser;
  }
}

export const { handlers, auth, signIn, signOut, unstable_update } = NextAuth({
  trustHost: true,
  session: { strategy: "jwt", maxAge: 60 * 60 * 12 },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      authorize: async (credentials) => verifyCredentials(credentials),
    }),
  ],
  callbacks: {
    // A JWT lives 12 h on its own, so every request re-reads the user: a removed user, or one
    // whose password was reset elsewhere (sessionVersion bumped), is signed out at once, and a
    // role change applies on the next request.
    async jwt({ token, user, trigger }) {
      if (user) {
        const u = user as SessionUser;
        Object.assign(token, { uid: u.id, role: u.role, partnerId: u.partnerId, sv: u.sessionVersion });
        return token;
      }
      const facts = await currentSessionFacts(token.uid as string | undefined);
      if (!facts) return null;
      // "update" is only called by our own server code after the user changed their password.
      if (trigger !== "update" && facts.sessionVersion !== token.sv) return null;
      Object.assign(token, { role: facts.role, partnerId: facts.partnerId, name: facts.name, sv: facts.sessionVersion });
      return token;
    },
    session({ session, token }) {
      const user: SessionUser = {
        id: token.uid as string,
        email: token.email ?? "",
        name: token.name ?? "",
        role: token.role as Role,
        partnerId: (token.partnerId as string | null) ?? null,
        sessionVersion: (token.sv as number | undefined) ?? 0,
      };
      return { ...session, user: user as typeof session.user };
    },
  },
});
