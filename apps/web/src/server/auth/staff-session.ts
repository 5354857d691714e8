import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import type { AuthResult, StaffSession } from "@minbil/api/auth/auth-context";
import { resolveAuth } from "@minbil/api/auth/auth-context";
import { metaFromHeaders } from "@minbil/api/auth/request-meta";
import { getServices } from "../services";
import { authOptions } from "./auth-options";

/** The staff session the current request's cookie names (not yet checked against its row), or null. */
export async function getStaffSession(): Promise<StaffSession | null> {
  const session = await getServerSession(authOptions);
  const user = session?.user as { id?: string; sessionId?: string } | undefined;
  return user?.id && user.sessionId ? { userId: user.id, sessionId: user.sessionId } : null;
}

/**
 * Whether the current request's session is live (its row not ended, its user enabled), checked the
 * same way as every API request. Throws 503 while the database is unavailable.
 */
export async function resolvePageAuth(): Promise<AuthResult> {
  const session = await getStaffSession();
  if (!session) return { auth: null, failure: "missing" };
  const { db } = await getServices();
  return resolveAuth(db, metaFromHeaders("GET", await headers()), session);
}
