// REST operation descriptors: each REST operation is described once, here, and both its route and the
// OpenAPI document (GET /api/ws/openapi.json, packages/api/src/openapi/build-document.ts) read it.
//
// How to add an operation:
// 1. Describe it with `defineOperation({...})` in `<area>.operations.ts` in this folder: id, method, path
//    (OpenAPI syntax, `{param}`), tag, summary, auth, the zod schemas of its path/query/header
//    parameters and body (reuse the ones in packages/contracts that validate the request), one
//    response per status with the zod schema of its body, and the error codes it can answer beyond
//    the common ones (401/429/500/503 are added by the builder).
// 2. List it in REST_OPERATIONS below (the document lists them in this order).
// 3. Register its route from the descriptor: `registerRoutes(app, deps, [route(myOperation, handler)])`
//    (packages/api/src/http/endpoint.ts) takes the method and path from it.
// 4. Call it in a test through `fetchApp` (packages/api/src/testing/test-http.ts): every answer there
//    is checked against the document, so an answer the descriptor does not describe fails the test.
// New event types need none of this: the `webhooks` section is built from packages/contracts/src/events.

import { openApiDocumentOperation } from "./document.operations";
import { livenessOperation, readinessOperation } from "./health.operations";
import { metricsOperation } from "./metrics.operations";
import {
  downloadAttachmentOperation,
  getThreadByQueryOperation,
  getThreadOperation,
  listThreadsOperation,
  sendMessageOperation,
  sendToThreadOperation,
  updateThreadOperation,
} from "./messages.operations";
import { listStaffOperation } from "./staff.operations";
import { retryDeliveryOperation } from "./channels.operations";
import { listTemplatesOperation } from "./templates.operations";
import { listEventsOperation, streamEventsOperation } from "./events.operations";
import {
  createWebhookOperation,
  deleteWebhookOperation,
  getWebhookOperation,
  listDeliveriesOperation,
  listWebhooksOperation,
  redeliverOperation,
  rotateWebhookSecretOperation,
  sendTestWebhookOperation,
  updateWebhookOperation,
} from "./webhooks.operations";
import type { RestOperation } from "./operation";
import { decideEstimateOperation, issueCustomerLinkOperation, revokeCustomerLinkOperation } from "./customer-links.operations";
import {
  customerAttachmentOperation,
  customerDecideOperation,
  customerSeenOperation,
  customerSendOperation,
  customerViewOperation,
} from "./customer-page.operations";

export const REST_OPERATIONS: readonly RestOperation[] = [
  listThreadsOperation,
  sendMessageOperation,
  getThreadByQueryOperation,
  getThreadOperation,
  sendToThreadOperation,
  updateThreadOperation,
  downloadAttachmentOperation,
  issueCustomerLinkOperation,
  revokeCustomerLinkOperation,
  decideEstimateOperation,
  retryDeliveryOperation,
  listStaffOperation,
  listTemplatesOperation,
  listEventsOperation,
  streamEventsOperation,
  listWebhooksOperation,
  createWebhookOperation,
  getWebhookOperation,
  updateWebhookOperation,
  deleteWebhookOperation,
  rotateWebhookSecretOperation,
  sendTestWebhookOperation,
  listDeliveriesOperation,
  redeliverOperation,
  customerViewOperation,
  customerSendOperation,
  customerSeenOperation,
  customerDecideOperation,
  customerAttachmentOperation,
  livenessOperation,
  readinessOperation,
  metricsOperation,
  openApiDocumentOperation,
];
