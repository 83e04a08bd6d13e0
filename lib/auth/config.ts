import "server-only";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import type { Role, SessionUser } from "@/lib/auth/types";

declare module "next-auth" {
  interface Session {
    user: SessionUser;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
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
    jwt({ token, user }) {
      if (user) {
        const u = user as SessionUser;
        Object.assign(token, { uid: u.id, role: u.role, partnerId: u.partnerId });
      }
      return token;
    },
    session({ session, token }) {
      const user: SessionUser = {
        id: token.uid as string,
        email: token.email ?? "",
        name: token.name ?? "",
        role: token.role as Role,
        partnerId: (token.partnerId as string | null) ?? null,
      };
      return { ...session, user: user as typeof session.user };
    },
  },
});
