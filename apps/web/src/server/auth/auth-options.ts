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
  logger: {
    // next-auth warns when NEXTAUTH_URL is unset; it needs it only for its own sign-in pages and
    // callbacks, which we do not use (the session cookie is read, and made by our Server Action).
    warn(code) {
      if (code !== "NEXTAUTH_URL") console.warn(`[next-auth] ${code}`);
    },
    error(code, metadata) {
      console.error(`[next-auth] ${code}`, metadata);
    },
    debug() {},
  },
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
