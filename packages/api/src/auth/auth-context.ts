import type { PrismaClient } from "@minbil/db/client";
import { resolveApiToken } from "./api-token";
import { isSameOriginRequest } from "./csrf";
import type { RequestMeta } from "./request-meta";

/** Who is calling, on behalf of which workshop. Every procedure and REST route is scoped by this. */
export type Actor =
  | { kind: "api_token"; tokenId: string; name: string }
  /** The customer on their page (/c/<token>): never a caller of the API, only the writer of their own messages and decisions. */
  | { kind: "customer"; linkId: string; name: string }
  | {
      kind: "staff";
      userId: string;
      /** The session the request came with (none for work done on a staff member's behalf, e.g. demo data). */ sessionId?: string;
      name: string;
      role: "OWNER" | "STAFF";
    };

export interface AuthContext {
  workshopId: string;
  actor: Actor;
}

/** Whose read state a caller sees: a staff member their own; an API token the workshop's (null). */
export function viewerIdOf(actor: Actor): string | null {
  return actor.kind === "staff" ? actor.userId : null;
}

/**
 * Why there is no caller: no credentials at all; credentials that are not (or no longer) valid; or a
 * session-cookie request that did not come from our own pages (cross-site request forgery).
 */
export type AuthFailure = "missing" | "invalid" | "cross_site";

export type AuthResult = { auth: AuthContext; failure: null } | { auth: null; failure: AuthFailure };

/** A signed-in staff session, as the web app's session cookie names it. */
export interface StaffSession {
  userId: string;
  sessionId: string;
}

/**
 * Resolves the caller from an `Authorization: Bearer` header or, without one, a staff session.
 * A bearer header that does not name a live token fails, even when a session exists. A session counts
 * only while its row is live (not signed out, not expired) and its user is enabled, so ending a session
 * takes effect on the next request, also for a copy of the cookie.
 */
export async function resolveAuth(db: PrismaClient, request: RequestMeta, session: StaffSession | null): Promise<AuthResult> {
  const header = request.header("authorization");
  if (header !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const token = match?.[1] ? await resolveApiToken(db, match[1]) : null;
    if (!token) return { auth: null, failure: "invalid" };
    return {
      auth: { workshopId: token.workshopId, actor: { kind: "api_token", tokenId: token.tokenId, name: token.name } },
      failure: null,
    };
  }
  if (!session) return { auth: null, failure: "missing" };
  if (!isSameOriginRequest(request)) return { auth: null, failure: "cross_site" };
  const row = await db.staffSession.findUnique({
    where: { id: session.sessionId },
    select: {
      userId: true,
      expiresAt: true,
      revokedAt: true,
      user: { select: { id: true, name: true, role: true, workshopId: true, disabledAt: true } },
    },
  });
  if (!row || row.userId !== session.userId || row.revokedAt || row.expiresAt <= new Date() || row.user.disabledAt) {
    return { auth: null, failure: "invalid" };
  }
  const { user } = row;
  return {
    auth: {
      workshopId: user.workshopId,
      actor: { kind: "staff", userId: user.id, sessionId: session.sessionId, name: user.name, role: user.role },
    },
    failure: null,
  };
}
