import type { PrismaClient } from "@minbil/db/client";
import { resolveAuth, type AuthResult, type StaffSession } from "./auth-context";
import { CSRF_HEADER } from "./csrf";
import type { RequestMeta } from "./request-meta";

/** Per database: the recheck in flight for each set of credentials. */
const inFlight = new WeakMap<PrismaClient, Map<string, Promise<AuthResult>>>();

/**
 * resolveAuth for the open streams' rechecks: streams of the same credentials that ask while a lookup
 * for them is running (an event wakes every stream of a workshop at once) share it, rather than 200
 * streams making 200 identical lookups. A revocation is missed at most by a lookup that was already
 * under way, as it would be by a stream's own lookup; the next recheck sees it. Everything the answer
 * depends on is in the key: the Bearer header, the session, and the headers of the cross-site check.
 */
export function recheckAuthShared(db: PrismaClient, request: RequestMeta, session: StaffSession | null): Promise<AuthResult> {
  const key = JSON.stringify([
    request.method,
    request.header("authorization"),
    session?.sessionId ?? null,
    session?.userId ?? null,
    ...[CSRF_HEADER, "sec-fetch-site", "origin", "host", "x-forwarded-host"].map((name) => request.header(name)),
  ]);
  let byKey = inFlight.get(db);
  if (!byKey) inFlight.set(db, (byKey = new Map()));
  const running = byKey.get(key);
  if (running) return running;
  const started = resolveAuth(db, request, session).finally(() => byKey.delete(key));
  byKey.set(key, started);
  return started;
}
