import type { z } from "zod";
import { Prisma, type PrismaClient } from "@minbil/db/client";
import type {
  createWebhookInput,
  listDeliveriesInput,
  redeliverInput,
  updateWebhookInput,
  webhookByIdInput,
} from "@minbil/contracts/webhooks/webhook.schema";
import {
  deliveryPageDto,
  type DeliveryPageDto,
  type WebhookDeliveryDto,
  type WebhookEndpointDto,
  type WebhookWithSecretDto,
} from "@minbil/contracts/webhooks/webhook.schema";
import type { SecretBox } from "../crypto/secret-box";
import type { WebhookSettings } from "../context";
import { apiError, fieldError } from "../errors";
import { cursorTime, decodeCursor, encodeCursor } from "../messages/cursor";
import { generateWebhookSecret } from "./signing";
import { forbiddenTargetReason } from "./target-address";
import { deliveryInclude, toDeliveryDto, toEndpointDto } from "./webhook-dto";
import { newDeliveryId, newEndpointId } from "./webhook-ids";
import { z as zod } from "zod";

export interface WebhookDeps {
  db: PrismaClient;
  secrets: SecretBox;
  webhooks: WebhookSettings;
  workshopId: string;
}

/** After a rotation, the old secret keeps signing this long, so receivers can switch without a gap. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

const notFound = (id: string) => apiError("NOT_FOUND", `Webhook endpoint ${id} was not found`);

async function findEndpoint(deps: WebhookDeps, id: string) {
  const row = await deps.db.webhookEndpoint.findFirst({ where: { id, workshopId: deps.workshopId } });
  if (!row) throw notFound(id);
  return row;
}

async function checkTarget(deps: WebhookDeps, url: string): Promise<void> {
  if (deps.webhooks.allowPrivateTargets) return;
  const reason = await forbiddenTargetReason(url);
  if (reason) throw fieldError("url", `url is not allowed: ${reason}`);
}

/** The workshop's webhook endpoints, oldest first. */
export async function listWebhooks(deps: WebhookDeps): Promise<WebhookEndpointDto[]> {
  const rows = await deps.db.webhookEndpoint.findMany({
    where: { workshopId: deps.workshopId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map(toEndpointDto);
}

export async function getWebhook(deps: WebhookDeps, input: z.output<typeof webhookByIdInput>): Promise<WebhookEndpointDto> {
  return toEndpointDto(await findEndpoint(deps, input.id));
}

/** A new endpoint; it receives events written from now on. Its signing secret is in this answer only. */
export async function createWebhook(deps: WebhookDeps, input: z.output<typeof createWebhookInput>): Promise<WebhookWithSecretDto> {
  await checkTarget(deps, input.url);
  const secret = generateWebhookSecret();
  const workshop = await deps.db.workshop.findUniqueOrThrow({ where: { id: deps.workshopId }, select: { eventSeq: true } });
  const row = await deps.db.webhookEndpoint.create({
    data: {
      id: newEndpointId(),
      workshopId: deps.workshopId,
      url: input.url,
      description: input.description,
      eventTypes: input.event_types ?? [],
      secretCiphertext: deps.secrets.seal(secret),
      position: workshop.eventSeq,
    },
  });
  return { ...toEndpointDto(row), secret };
}

/**
 * Changes an endpoint. Turning it off keeps its deliveries waiting; turning it on again starts from the
 * present (what happened meanwhile is in the event feed) and forgets the failure streak.
 */
export async function updateWebhook(deps: WebhookDeps, input: z.output<typeof updateWebhookInput>): Promise<WebhookEndpointDto> {
  const current = await findEndpoint(deps, input.id);
  if (input.url !== undefined) await checkTarget(deps, input.url);
  let state = {};
  if (input.enabled === false && current.enabled) state = { enabled: false, disabledReason: "owner" };
  if (input.enabled === true && !current.enabled) {
    const workshop = await deps.db.workshop.findUniqueOrThrow({ where: { id: deps.workshopId }, select: { eventSeq: true } });
    state = { enabled: true, disabledReason: null, failingSince: null, position: workshop.eventSeq };
  }
  const row = await deps.db.webhookEndpoint.update({
    where: { id: current.id },
    data: {
      ...(input.url !== undefined ? { url: input.url } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.event_types !== undefined ? { eventTypes: input.event_types ?? [] } : {}),
      ...state,
    },
  });
  return toEndpointDto(row);
}

export async function deleteWebhook(deps: WebhookDeps, input: z.output<typeof webhookByIdInput>): Promise<{ id: string; deleted: true }> {
  const { count } = await deps.db.webhookEndpoint.deleteMany({ where: { id: input.id, workshopId: deps.workshopId } });
  if (!count) throw notFound(input.id);
  return { id: input.id, deleted: true };
}

/** A new signing secret (in this answer only); the old one also signs for 24 hours. */
export async function rotateWebhookSecret(deps: WebhookDeps, input: z.output<typeof webhookByIdInput>): Promise<WebhookWithSecretDto> {
  const current = await findEndpoint(deps, input.id);
  const secret = generateWebhookSecret();
  const row = await deps.db.webhookEndpoint.update({
    where: { id: current.id },
    data: {
      secretCiphertext: deps.secrets.seal(secret),
      previousSecretCiphertext: current.secretCiphertext,
      previousSecretExpiresAt: new Date(Date.now() + ROTATION_OVERLAP_MS),
    },
  });
  return { ...toEndpointDto(row), secret };
}

/** Queues a `webhook.test` event for the endpoint (sent like any other delivery, at once). */
export async function sendTestEvent(deps: WebhookDeps, input: z.output<typeof webhookByIdInput>): Promise<WebhookDeliveryDto> {
  const endpoint = await findEndpoint(deps, input.id);
  const id = newDeliveryId();
  const now = new Date();
  const row = await deps.db.webhookDelivery.create({
    data: {
      id,
      endpointId: endpoint.id,
      workshopId: deps.workshopId,
      eventSeq: null,
      eventType: "webhook.test",
      payload: {
        id: `evt_test_${id.slice(4)}`,
        seq: 0,
        type: "webhook.test",
        created_at: now.toISOString(),
        booking_id: null,
        data: { endpoint_id: endpoint.id, message: "A test event from MinBil: your endpoint receives and verifies our webhooks." },
      },
      nextAttemptAt: now,
    },
    include: deliveryInclude,
  });
  return toDeliveryDto(row);
}

const deliveryCursor = zod.tuple([cursorTime, zod.string().regex(/^[\w-]{1,80}$/)]);

/** The endpoint's deliveries, newest first, with their attempts (kept 30 days). */
export async function listDeliveries(deps: WebhookDeps, input: z.output<typeof listDeliveriesInput>): Promise<DeliveryPageDto> {
  await findEndpoint(deps, input.id);
  const cursor = input.cursor ? decodeCursor(input.cursor, deliveryCursor) : null;
  // The page's ids by a row comparison, which PostgreSQL reads as one range of the index
  // (endpoint_id, created_at DESC, id DESC); Prisma can only write the keyset condition as an OR,
  // which it applies as a filter over every older delivery, so a page deep in the log cost more.
  const keyset = cursor ? Prisma.sql`AND (created_at, id) < (${new Date(cursor[0])}::timestamp, ${cursor[1]})` : Prisma.empty;
  const ids = await deps.db.$queryRaw<{ id: string }[]>`
    SELECT id FROM webhook_deliveries
    WHERE endpoint_id = ${input.id} AND workshop_id = ${deps.workshopId} ${keyset}
    ORDER BY created_at DESC, id DESC
    LIMIT ${input.limit + 1}`;
  const rows = await deps.db.webhookDelivery.findMany({
    where: { id: { in: ids.map((row) => row.id) } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: deliveryInclude,
  });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  const hasMore = rows.length > input.limit;
  return deliveryPageDto.parse({
    data: page.map(toDeliveryDto),
    meta: { next_cursor: hasMore && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null, has_more: hasMore },
  });
}

/** Sends a delivery again at once, with its same `webhook-id` (the receiver's idempotency key). */
export async function redeliver(deps: WebhookDeps, input: z.output<typeof redeliverInput>): Promise<WebhookDeliveryDto> {
  const { count } = await deps.db.webhookDelivery.updateMany({
    where: { id: input.delivery_id, endpointId: input.id, workshopId: deps.workshopId },
    data: { status: "PENDING", nextAttemptAt: new Date(), lockedUntil: null },
  });
  if (!count) throw apiError("NOT_FOUND", `Delivery ${input.delivery_id} of webhook endpoint ${input.id} was not found`);
  return toDeliveryDto(await deps.db.webhookDelivery.findUniqueOrThrow({ where: { id: input.delivery_id }, include: deliveryInclude }));
}
