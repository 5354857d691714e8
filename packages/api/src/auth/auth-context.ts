import type { PrismaClient } from "@minbil/db/client";
import { resolveApiToken } from "./api-token";

/** Who is calling, on behalf of which workshop. Every procedure and REST route is scoped by this. */
export type Actor =
  { kind: "api_token"; tokenId: string; name: string } | { kind: "staff"; userId: string; name: string; role: "OWNER" | "STAFF" };

export interface AuthContext {
  workshopId: string;
  actor: Actor;
}

export type AuthResult = { auth: AuthContext; failure: null } | { auth: null; failure: "missing" | "invalid" };

/** A signed-in staff session, as the web app's next-auth hands it over. */
export interface StaffSession {
  userId: string;
}

/**
 * Resolves the caller from an `Authorization: Bearer` header or, without one, a staff session.
 * A bearer header that does not name a live token fails, even when a session exists.
 */
export async function resolveAuth(db: PrismaClient, headers: Headers, session: StaffSession | null): Promise<AuthResult> {
  const header = headers.get("authorization");
  if (header !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const token = match?.[1] ? await resolveApiToken(db, match[1]) : null;
    if (!token) return { auth: null, failure: "invalid" };
    return {
      auth: { workshopId: token.workshopId, actor: { kind: "api_token", tokenId: token.tokenId, name: token.name } },
      failure: null,
    };
  }
  if (session) {
    const user = await db.user.findUnique({
      where: { id: session.userId },
      select: { id: true, name: true, role: true, workshopId: true, disabledAt: true },
    });
    if (!user || user.disabledAt) return { auth: null, failure: "invalid" };
    return {
      auth: { workshopId: user.workshopId, actor: { kind: "staff", userId: user.id, name: user.name, role: user.role } },
      failure: null,
    };
  }
  return { auth: null, failure: "missing" };
}
