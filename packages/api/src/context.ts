import type { PrismaClient } from "@minbil/db/client";
import type { AttachmentStorage } from "./attachments/storage";
import type { EventBus } from "./events/event-bus";
import { resolveAuth, type AuthContext, type StaffSession } from "./auth/auth-context";

/** What the server is made of; created once per process by the app (see apps/web/src/server/services.ts). */
export interface Services {
  db: PrismaClient;
  storage: AttachmentStorage;
  events: EventBus;
}

export interface Context extends Services {
  auth: AuthContext | null;
  /** Why auth is null: no credentials at all, or credentials that are not (or no longer) valid. */
  authFailure: "missing" | "invalid" | null;
}

/**
 * The one place a request becomes a caller: a Bearer token (partner systems) or a staff session (the
 * inbox) resolves to a workshop, and every procedure and REST route is scoped by it.
 */
export async function createContext(opts: { services: Services; headers: Headers; session: StaffSession | null }): Promise<Context> {
  const result = await resolveAuth(opts.services.db, opts.headers, opts.session);
  return { ...opts.services, auth: result.auth, authFailure: result.failure };
}
