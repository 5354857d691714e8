import {
  createWebhookInput,
  listDeliveriesInput,
  redeliverInput,
  updateWebhookInput,
  webhookByIdInput,
} from "@minbil/contracts/webhooks/webhook.schema";
import type { Context } from "../context";
import type { AuthContext } from "../auth/auth-context";
import { integrationProcedure } from "../trpc";
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listDeliveries,
  listWebhooks,
  redeliver,
  rotateWebhookSecret,
  sendTestEvent,
  updateWebhook,
  type WebhookDeps,
} from "./webhook-endpoints.handler";

const deps = (ctx: Context & { auth: AuthContext }): WebhookDeps => ({
  db: ctx.db,
  secrets: ctx.secrets,
  webhooks: ctx.webhooks,
  workshopId: ctx.auth.workshopId,
});

/** Webhook endpoints, for API tokens and owners; the REST routes under /api/ws/webhooks call these. */
export const webhooksRouter = {
  list: integrationProcedure.query(({ ctx }) => listWebhooks(deps(ctx))),
  get: integrationProcedure.input(webhookByIdInput).query(({ ctx, input }) => getWebhook(deps(ctx), input)),
  create: integrationProcedure.input(createWebhookInput).mutation(({ ctx, input }) => createWebhook(deps(ctx), input)),
  update: integrationProcedure.input(updateWebhookInput).mutation(({ ctx, input }) => updateWebhook(deps(ctx), input)),
  delete: integrationProcedure.input(webhookByIdInput).mutation(({ ctx, input }) => deleteWebhook(deps(ctx), input)),
  rotateSecret: integrationProcedure.input(webhookByIdInput).mutation(({ ctx, input }) => rotateWebhookSecret(deps(ctx), input)),
  sendTest: integrationProcedure.input(webhookByIdInput).mutation(({ ctx, input }) => sendTestEvent(deps(ctx), input)),
  deliveries: integrationProcedure.input(listDeliveriesInput).query(({ ctx, input }) => listDeliveries(deps(ctx), input)),
  redeliver: integrationProcedure.input(redeliverInput).mutation(({ ctx, input }) => redeliver(deps(ctx), input)),
};
