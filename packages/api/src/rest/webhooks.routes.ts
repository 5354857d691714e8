import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Context } from "../context";
import { createCaller } from "../root";
import { registerRoutes, route, type EndpointDeps } from "../http/endpoint";
import { readRequestFields } from "../http/request-body";
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

type Caller = ReturnType<typeof createCaller>;

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

/** Reads a JSON (or form) body after authorizing the caller, and hands its fields to a procedure. */
async function withBody<T>(
  ctx: Context,
  request: FastifyRequest,
  run: (fields: Record<string, unknown>, caller: Caller) => Promise<T>,
): Promise<T> {
  const caller = createCaller(ctx);
  const { auth } = await ctx.getAuth();
  // Not authorized: let the procedure say so, without reading the body.
  if (!auth) return run({}, caller);
  const { fields, cleanup } = await readRequestFields(request.raw);
  try {
    return await run(fields, caller);
  } finally {
    await cleanup();
  }
}
