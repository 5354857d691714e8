import type { PrismaClient } from "@minbil/db/client";
import type { AttachmentStorage } from "./attachments/storage";
import type { EventBus } from "./events/event-bus";
import type { SecretBox } from "./crypto/secret-box";
import type { ChannelServices } from "./channels/channel-services";
import { resolveAuth, type AuthResult, type StaffSession } from "./auth/auth-context";
import { recheckAuthShared } from "./auth/shared-recheck";
import type { RequestMeta } from "./auth/request-meta";
import type { CustomerPageLimits } from "./rate-limits/customer-page-limits";

/** What the server is made of; created once per process by the app (see apps/web/src/server/runtime). */
export interface Services {
  db: PrismaClient;
  storage: AttachmentStorage;
  events: EventBus;
  /** Encrypts stored secrets (webhook signing secrets). */
  secrets: SecretBox;
  webhooks: WebhookSettings;
  /** The app's public address, which customers reach: customer links, SMS and e-mail links, signed provider webhook URLs (MINBIL_PUBLIC_URL). */
  publicBaseUrl: string;
  /** Request limits of the customer's page (per link and per address). */
  customerPageLimits: CustomerPageLimits;
  /** SMS and e-mail to customers (channels/): the configured adapters, their retry schedule and signing key. */
  channels: ChannelServices;
}

export interface WebhookSettings {
  /** Whether webhook URLs may point at loopback/private/link-local addresses (refused in production). */
  allowPrivateTargets: boolean;
  /** Retry delays in milliseconds after each failed attempt (WEBHOOK_RETRY_SCHEDULE). */
  retrySchedule: number[];
}

export interface Context extends Services {
  request: RequestMeta;
  /**
   * Who is calling: a Bearer token (partner systems) or a staff session (the inbox), resolved once, on
   * first use. REST routes ask before they read a request body; procedures ask in their middleware, so
   * a database outage while authorizing answers like any other outage (503), not as a crash.
   */
  getAuth(): Promise<AuthResult>;
  /**
   * Asks again whether the caller is still allowed in (token not revoked, session not ended, user not
   * disabled), bypassing the answer kept for this request: long-lived requests (event streams) use it.
   */
  recheckAuth(): Promise<boolean>;
}

/** The one place a request becomes a caller; every procedure and REST route is scoped by it. */
export function createContext(opts: { services: Services; request: RequestMeta; session: StaffSession | null }): Context {
  let auth: Promise<AuthResult> | undefined;
  return {
    ...opts.services,
    request: opts.request,
    getAuth: () => (auth ??= resolveAuth(opts.services.db, opts.request, opts.session)),
    async recheckAuth() {
      const first = await (auth ??= resolveAuth(opts.services.db, opts.request, opts.session));
      const now = await recheckAuthShared(opts.services.db, opts.request, opts.session);
      return first.auth !== null && now.auth !== null && now.auth.workshopId === first.auth.workshopId;
    },
  };
}
