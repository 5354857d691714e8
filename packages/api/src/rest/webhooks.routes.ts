import type { FastifyInstance, FastifyRequest } from "fastify";
import { createCaller } from "../root";
import { registerRoutes, route, type EndpointDeps } from "../http/endpoint";
import { withBody } from "./with-body";
import { param, pathParam, queryOf } from "./rest-params";
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
} from "./operations/webhooks.operations";

// /api/ws/webhooks: a workshop's webhook endpoints, managed with its API tokens, over the same
// procedures (and so the same handlers) as the owners' settings page.

export function registerWebhooksRoutes(app: FastifyInstance, deps: EndpointDeps): void {
  const id = (request: FastifyRequest) => ({ id: pathParam(request, "id") });
  registerRoutes(app, deps, [
    route(listWebhooksOperation, async (ctx, _request, reply) =>
      reply.send({ data: await createCaller(ctx).webhooks.list(), meta: { next_cursor: null, has_more: false } }),
    ),
    route(createWebhookOperation, async (ctx, request, reply) => {
      const created = await withBody(ctx, request, (fields, caller) => caller.webhooks.create(fields as never));
      return reply.code(201).send({ success: true, data: created });
    }),
    route(getWebhookOperation, async (ctx, request, reply) => reply.send({ data: await createCaller(ctx).webhooks.get(id(request)) })),
    route(updateWebhookOperation, async (ctx, request, reply) => {
      const updated = await withBody(ctx, request, (fields, caller) => caller.webhooks.update({ ...fields, ...id(request) } as never));
      return reply.send({ success: true, data: updated });
    }),
    route(deleteWebhookOperation, async (ctx, request, reply) =>
      reply.send({ success: true, data: await createCaller(ctx).webhooks.delete(id(request)) }),
    ),
    route(rotateWebhookSecretOperation, async (ctx, request, reply) =>
      reply.send({ success: true, data: await createCaller(ctx).webhooks.rotateSecret(id(request)) }),
    ),
    route(sendTestWebhookOperation, async (ctx, request, reply) =>
      reply.code(202).send({ success: true, data: await createCaller(ctx).webhooks.sendTest(id(request)) }),
    ),
    route(listDeliveriesOperation, async (ctx, request, reply) => {
      const query = queryOf(request);
      return reply.send(
        await createCaller(ctx).webhooks.deliveries({
          ...id(request),
          limit: param(query, "limit"),
          cursor: param(query, "cursor"),
        } as never),
      );
    }),
    route(redeliverOperation, async (ctx, request, reply) => {
      const delivery = await createCaller(ctx).webhooks.redeliver({ ...id(request), delivery_id: pathParam(request, "delivery_id") });
      return reply.code(202).send({ success: true, data: delivery });
    }),
  ]);
}
