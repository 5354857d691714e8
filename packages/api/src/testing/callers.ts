import { randomBytes } from "node:crypto";
import { createContext, type Services } from "../context";
import { createCaller } from "../root";
import { metaFromHeaders } from "../auth/request-meta";
import { createStaffSession } from "../auth/staff-sessions";
import { CSRF_HEADER } from "../auth/csrf";

/** A request from our own inbox page: a state-changing one carries the same-origin proof. */
const fromInbox = () =>
  metaFromHeaders("POST", new Headers({ [CSRF_HEADER]: "1", host: "localhost:5000", origin: "http://localhost:5000" }));

/** Procedures as a signed-in staff member calls them: a live session row, as after signing in. */
export async function staffCaller(services: Services, userId: string) {
  const session = await createStaffSession(services.db, { userId, userAgent: "test", clientIp: "127.0.0.1" });
  return Object.assign(createCaller(createContext({ services, request: fromInbox(), session: { userId, sessionId: session.id } })), {
    sessionId: session.id,
  });
}

/** A session cookie naming a session that does not exist (forged, or of a deleted row). */
export function ghostStaffCaller(services: Services, userId: string) {
  return createCaller(
    createContext({ services, request: fromInbox(), session: { userId, sessionId: randomBytes(18).toString("base64url") } }),
  );
}

/** Procedures as a partner system calls them, with a Bearer token. */
export function tokenCaller(services: Services, secret: string) {
  return createCaller(
    createContext({ services, request: metaFromHeaders("POST", new Headers({ authorization: `Bearer ${secret}` })), session: null }),
  );
}

export function anonymousCaller(services: Services) {
  return createCaller(createContext({ services, request: metaFromHeaders("POST", new Headers()), session: null }));
}
