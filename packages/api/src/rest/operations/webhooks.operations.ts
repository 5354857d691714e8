import { z } from "zod";
import {
  createWebhookInput,
  deliveryPageDto,
  listDeliveriesInput,
  redeliverInput,
  updateWebhookInput,
  webhookByIdInput,
  webhookDeliveryDto,
  webhookEndpointDto,
  webhookWithSecretDto,
} from "@minbil/contracts/webhooks/webhook.schema";
import { defineOperation } from "./operation";

// Webhook endpoints (/api/ws/webhooks): routes in ../webhooks.routes.ts.

const TAG = "Webhooks";
const byId = { path: webhookByIdInput };
const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const success = <T extends z.ZodType>(data: T) => z.object({ success: z.literal(true), data });
const jsonOrForm = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema }, "application/x-www-form-urlencoded": { schema } },
});

export const listWebhooksOperation = defineOperation({
  id: "listWebhooks",
  method: "GET",
  path: "/api/ws/webhooks",
  tag: TAG,
  summary: "List webhook endpoints",
  auth: "bearer",
  responses: {
    200: {
      description: "The workshop's endpoints, oldest first",
      content: json(z.object({ data: z.array(webhookEndpointDto), meta: z.object({ next_cursor: z.null(), has_more: z.literal(false) }) })),
    },
  },
  errors: ["FORBIDDEN"],
});

export const createWebhookOperation = defineOperation({
  id: "createWebhook",
  method: "POST",
  path: "/api/ws/webhooks",
  tag: TAG,
  summary: "Create a webhook endpoint",
  description:
    "It receives the events written from now on, signed per Standard Webhooks. The signing `secret` is in this answer only. In production, URLs that resolve to loopback, private, link-local or other non-public addresses are refused.",
  auth: "bearer",
  request: { body: jsonOrForm(createWebhookInput) },
  responses: { 201: { description: "Created, with its signing secret (shown once)", content: json(success(webhookWithSecretDto)) } },
  errors: ["BAD_REQUEST", "FORBIDDEN", "REQUEST_TIMEOUT", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE", "VALIDATION_FAILED"],
});

export const getWebhookOperation = defineOperation({
  id: "getWebhook",
  method: "GET",
  path: "/api/ws/webhooks/{id}",
  tag: TAG,
  summary: "Get a webhook endpoint",
  auth: "bearer",
  request: byId,
  responses: { 200: { description: "The endpoint", content: json(z.object({ data: webhookEndpointDto })) } },
  errors: ["FORBIDDEN", "NOT_FOUND", "VALIDATION_FAILED"],
});

export const updateWebhookOperation = defineOperation({
  id: "updateWebhook",
  method: "PATCH",
  path: "/api/ws/webhooks/{id}",
  tag: TAG,
  summary: "Change a webhook endpoint",
  description:
    "Any of `url`, `description`, `event_types` (null: all), `enabled`. Turned on again, it receives events from now on (read what happened meanwhile from the feed).",
  auth: "bearer",
  request: { path: webhookByIdInput, body: jsonOrForm(updateWebhookInput.omit({ id: true })) },
  responses: { 200: { description: "The changed endpoint", content: json(success(webhookEndpointDto)) } },
  errors: ["BAD_REQUEST", "FORBIDDEN", "NOT_FOUND", "REQUEST_TIMEOUT", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE", "VALIDATION_FAILED"],
});

export const deleteWebhookOperation = defineOperation({
  id: "deleteWebhook",
  method: "DELETE",
  path: "/api/ws/webhooks/{id}",
  tag: TAG,
  summary: "Delete a webhook endpoint",
  auth: "bearer",
  request: byId,
  responses: {
    200: { description: "Deleted; its deliveries stop", content: json(success(z.object({ id: z.string(), deleted: z.literal(true) }))) },
  },
  errors: ["FORBIDDEN", "NOT_FOUND", "VALIDATION_FAILED"],
});

export const rotateWebhookSecretOperation = defineOperation({
  id: "rotateWebhookSecret",
  method: "POST",
  path: "/api/ws/webhooks/{id}/rotate-secret",
  tag: TAG,
  summary: "Rotate the signing secret",
  description:
    "A new secret, in this answer only. For 24 hours every request is signed with the new and the old secret (two signatures in `webhook-signature`).",
  auth: "bearer",
  request: byId,
  responses: { 200: { description: "The endpoint with its new secret (shown once)", content: json(success(webhookWithSecretDto)) } },
  errors: ["FORBIDDEN", "NOT_FOUND", "VALIDATION_FAILED"],
});

export const sendTestWebhookOperation = defineOperation({
  id: "sendTestWebhook",
  method: "POST",
  path: "/api/ws/webhooks/{id}/test",
  tag: TAG,
  summary: "Send a test event",
  description: "Queues a `webhook.test` event for the endpoint, sent at once like any delivery.",
  auth: "bearer",
  request: byId,
  responses: { 202: { description: "Queued: the delivery", content: json(success(webhookDeliveryDto)) } },
  errors: ["FORBIDDEN", "NOT_FOUND", "VALIDATION_FAILED"],
});

export const listDeliveriesOperation = defineOperation({
  id: "listWebhookDeliveries",
  method: "GET",
  path: "/api/ws/webhooks/{id}/deliveries",
  tag: TAG,
  summary: "The delivery log",
  description:
    "The endpoint's deliveries, newest first, each with every attempt (time, status, duration, error, the start of the answer); kept 30 days.",
  auth: "bearer",
  request: { path: webhookByIdInput, query: listDeliveriesInput.omit({ id: true }) },
  responses: { 200: { description: "A page of deliveries", content: json(deliveryPageDto) } },
  errors: ["FORBIDDEN", "NOT_FOUND", "VALIDATION_FAILED"],
});

export const redeliverOperation = defineOperation({
  id: "redeliverWebhook",
  method: "POST",
  path: "/api/ws/webhooks/{id}/deliveries/{delivery_id}/redeliver",
  tag: TAG,
  summary: "Redeliver",
  description: "Sends the delivery again at once, with its same `webhook-id`.",
  auth: "bearer",
  request: { path: redeliverInput },
  responses: { 202: { description: "Queued again: the delivery", content: json(success(webhookDeliveryDto)) } },
  errors: ["FORBIDDEN", "NOT_FOUND", "VALIDATION_FAILED"],
});
