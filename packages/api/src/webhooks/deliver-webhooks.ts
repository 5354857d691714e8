import type { PrismaClient } from "@minbil/db/client";
import type { SecretBox } from "../crypto/secret-box";
import type { WebhookSettings } from "../context";
import { logger } from "../logger";
import { eventDeliveryLag, secondsSince, webhookAttempts, webhookDeliveriesFailed } from "../metrics/metrics";
import { postWebhook, type PostResult } from "./post-webhook";
import { nextAttemptDelay } from "./retry-schedule";
import { signatureHeader } from "./signing";

/** An endpoint whose every attempt has failed this long is turned off, and flagged to its owners. */
export const DISABLE_AFTER_FAILING_MS = 5 * 24 * 60 * 60 * 1000;

export interface DeliverDeps {
  db: PrismaClient;
  secrets: SecretBox;
  webhooks: WebhookSettings;
}

interface Claimed {
  id: string;
  endpoint_id: string;
  event_type: string;
  payload: unknown;
  attempt_count: number;
}

/**
 * Claims up to `limit` due deliveries of enabled endpoints for this process (FOR UPDATE SKIP LOCKED and a
 * 60-second lease, longer than one attempt can take: app processes sharing a database never make the same attempt twice; a crashed process's claim
 * expires and another tries again). The attempt is counted at the claim.
 */
export async function claimDueDeliveries(db: PrismaClient, limit: number): Promise<Claimed[]> {
  if (limit <= 0) return [];
  return db.$queryRaw<Claimed[]>`
    UPDATE webhook_deliveries d
    SET locked_until = now() + interval '60 seconds', attempt_count = d.attempt_count + 1
    WHERE d.id IN (
      SELECT q.id FROM webhook_deliveries q JOIN webhook_endpoints e ON e.id = q.endpoint_id
      WHERE q.status = 'PENDING' AND q.next_attempt_at <= now() AND (q.locked_until IS NULL OR q.locked_until < now()) AND e.enabled
      ORDER BY q.next_attempt_at
      LIMIT ${limit}
      FOR UPDATE OF q SKIP LOCKED
    )
    RETURNING d.id, d.endpoint_id, d.event_type, d.payload, d.attempt_count`;
}

/** One attempt of a claimed delivery: sign, send, record, and decide what comes next. */
export async function attemptDelivery(deps: DeliverDeps, delivery: Claimed): Promise<PostResult | null> {
  const endpoint = await deps.db.webhookEndpoint.findUnique({ where: { id: delivery.endpoint_id } });
  if (!endpoint?.enabled) {
    await deps.db.webhookDelivery.updateMany({ where: { id: delivery.id }, data: { lockedUntil: null } });
    return null;
  }
  const now = new Date();
  const secrets = [deps.secrets.open(endpoint.secretCiphertext)];
  if (endpoint.previousSecretCiphertext && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now) {
    secrets.push(deps.secrets.open(endpoint.previousSecretCiphertext));
  }
  const body = JSON.stringify({ type: delivery.event_type, timestamp: now.toISOString(), data: delivery.payload });
  const result = await postWebhook(
    endpoint.url,
    {
      "webhook-id": delivery.id,
      "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
      "webhook-signature": signatureHeader(secrets, delivery.id, now, body),
    },
    body,
    { allowPrivateTargets: deps.webhooks.allowPrivateTargets },
  );
  await recordAttempt(deps, delivery, endpoint, now, result);
  return result;
}

async function recordAttempt(
  deps: DeliverDeps,
  delivery: Claimed,
  endpoint: { id: string; failingSince: Date | null },
  attemptedAt: Date,
  result: PostResult,
): Promise<void> {
  const status = result.statusCode;
  const succeeded = status !== null && status >= 200 && status < 300;
  const gone = status === 410;
  const delay =
    succeeded || gone
      ? null
      : nextAttemptDelay(
          deps.webhooks.retrySchedule,
          delivery.attempt_count,
          status === 429 || status === 503 ? result.retryAfterMs : undefined,
        );
  const error =
    result.error ??
    (succeeded ? null : status !== null && status >= 300 && status < 400 ? `redirect ${status} (not followed)` : `HTTP ${status}`);
  const failingSince = succeeded ? null : (endpoint.failingSince ?? attemptedAt);
  const disable = gone
    ? "gone"
    : !succeeded && attemptedAt.getTime() - failingSince!.getTime() >= DISABLE_AFTER_FAILING_MS
      ? "failing"
      : null;

  await deps.db.$transaction([
    deps.db.webhookAttempt.create({
      data: {
        deliveryId: delivery.id,
        attemptedAt,
        statusCode: status,
        durationMs: result.durationMs,
        error,
        responseBody: result.responseBody,
      },
    }),
    deps.db.webhookDelivery.update({
      where: { id: delivery.id },
      data: {
        status: succeeded ? "SUCCEEDED" : delay === null ? "FAILED" : "PENDING",
        nextAttemptAt: delay === null ? null : new Date(Date.now() + delay),
        lastAttemptAt: attemptedAt,
        lockedUntil: null,
      },
    }),
    deps.db.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { failingSince, ...(disable ? { enabled: false, disabledReason: disable } : {}) },
    }),
  ]);
  if (disable) logger.warn({ endpoint: endpoint.id, reason: disable }, "webhook endpoint turned off");
  countAttempt(result, delivery.payload, succeeded, delay === null);
}

/** The attempt in the metrics (after it is recorded, so a failed write is not counted as an attempt made). */
function countAttempt(result: PostResult, payload: unknown, succeeded: boolean, final: boolean): void {
  const status = result.statusCode;
  const outcome = succeeded
    ? "success"
    : status === 410
      ? "gone"
      : status !== null && status >= 300 && status < 400
        ? "redirect"
        : status !== null
          ? "http_error"
          : result.error?.startsWith("no answer within")
            ? "timeout"
            : "connection_error";
  webhookAttempts.inc({ outcome });
  if (!succeeded && final) webhookDeliveriesFailed.inc({ reason: status === 410 ? "gone" : "retries_exhausted" });
  const createdAt = (payload as { created_at?: unknown } | null)?.created_at;
  if (succeeded && typeof createdAt === "string") eventDeliveryLag.observe({ target: "webhook" }, secondsSince(createdAt));
}
