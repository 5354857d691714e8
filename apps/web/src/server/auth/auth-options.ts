import type { NextAuthOptions } from "next-auth";
import { STAFF_SESSION_SECONDS } from "@minbil/api/auth/staff-sessions";
import { authSecret } from "./auth-secret";
import { SESSION_COOKIE, SESSION_COOKIE_OPTIONS, useSecureCookies } from "./session-cookie";

/**
 * next-auth reads the staff session in server components (getServerSession). Signing in is a Server
 * Action (src/app/login/actions.ts) rather than next-auth's credentials flow: that flow needs the
 * page's JavaScript to fetch a CSRF token first, and the sign-in form must work as a plain POST. The
 * action makes the same next-auth JWT with next-auth's own encoder.
 */
export const authOptions: NextAuthOptions = {
  // Read when a request needs it, not when the module loads (the build loads it without secrets).
  get secret() {
    return authSecret();
  },
  session: { strategy: "jwt", maxAge: STAFF_SESSION_SECONDS },
  useSecureCookies,
  cookies: { sessionToken: { name: SESSION_COOKIE, options: SESSION_COOKIE_OPTIONS } },
  pages: { signIn: "/login" },
  providers: [],
  callbacks: {
    session({ session, token }) {
      const user = session.user as { id?: string; sessionId?: string } | undefined;
      if (user && token.sub) {
        user.id = token.sub;
        if (typeof token.sid === "string") user.sessionId = token.sid;
      }
      return session;
    },
  },
};
