import { parse as parseCookies } from "cookie";
import { decode, encode, type JWT } from "next-auth/jwt";
import type { StaffSession } from "@minbil/api/auth/auth-context";
import { STAFF_SESSION_SECONDS } from "@minbil/api/auth/staff-sessions";
import { env } from "~/env";
import { authSecret } from "./auth-secret";

// The staff session cookie is a next-auth JWT (encrypted with the auth secret). It names the user and
// the staff_sessions row; the row, checked on every request, is what makes a session live.

/** Secure cookies when the app's public URL is https. */
export const useSecureCookies = env.NEXTAUTH_URL?.startsWith("https://") ?? false;
export const SESSION_COOKIE = `${useSecureCookies ? "__Secure-" : ""}next-auth.session-token`;
export const SESSION_COOKIE_OPTIONS = {
  httpOnly: true,
  sameSite: "lax" as const,
  path: "/",
  secure: useSecureCookies,
};

export interface SessionClaims {
  userId: string;
  sessionId: string;
  name: string;
  email: string;
}

export function encodeSessionToken(claims: SessionClaims): Promise<string> {
  return encode({
    secret: authSecret(),
    maxAge: STAFF_SESSION_SECONDS,
    token: { sub: claims.userId, sid: claims.sessionId, name: claims.name, email: claims.email },
  });
}

export function sessionFromToken(token: JWT | null): StaffSession | null {
  return token?.sub && typeof token.sid === "string" ? { userId: token.sub, sessionId: token.sid } : null;
}

/** The session a request's Cookie header names, or null (no cookie, or one we did not make). */
export async function sessionFromCookieHeader(header: string | undefined): Promise<StaffSession | null> {
  const value = header ? parseCookies(header)[SESSION_COOKIE] : undefined;
  if (!value) return null;
  try {
    return sessionFromToken(await decode({ token: value, secret: authSecret() }));
  } catch {
    return null;
  }
}
