import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Context } from "../context";
import { createCaller } from "../root";
import { endpoint, type EndpointDeps } from "../http/endpoint";
import { readRequestFields } from "../http/request-body";
import { param, pathParam, queryOf } from "./rest-params";

// /api/ws/webhooks: a workshop's webhook endpoints, managed with its API tokens, over the same
// procedures (and so the same handlers) as the owners' settings page.

type Caller = ReturnType<typeof createCaller>;

export function registerWebhooksRoutes(app: FastifyInstance, deps: EndpointDeps): void {
  endpoint(app, deps, "/api/ws/webhooks", {
    GET: async (ctx, _request, reply) =>
      reply.send({ data: await createCaller(ctx).webhooks.list(), meta: { next_cursor: null, has_more: false } }),
    POST: async (ctx, request, reply) => {
      const created = await withBody(ctx, request, (fields, caller) => caller.webhooks.create(fields as never));
      return reply.code(201).send({ success: true, data: created });
    },
  });
  endpoint(app, deps, "/api/ws/webhooks/:id", {
    GET: async (ctx, request, reply) => reply.send({ data: await createCaller(ctx).webhooks.get({ id: pathParam(request, "id") }) }),
    PATCH: async (ctx, request, reply) => {
      const updated = await withBody(ctx, request, (fields, caller) =>
        caller.webhooks.update({ ...fields, id: pathParam(request, "id") } as never),
      );
      return reply.send({ success: true, data: updated });
    },
    DELETE: async (ctx, request, reply) =>
      reply.send({ success: true, data: await createCaller(ctx).webhooks.delete({ id: pathParam(request, "id") }) }),
  });
  endpoint(app, deps, "/api/ws/webhooks/:id/rotate-secret", {
    POST: async (ctx, request, reply) =>
      reply.send({ success: true, data: await createCaller(ctx).webhooks.rotateSecret({ id: pathParam(request, "id") }) }),
  });
  endpoint(app, deps, "/api/ws/webhooks/:id/test", {
    POST: async (ctx, request, reply) =>
      reply.code(202).send({ success: true, data: await createCaller(ctx).webhooks.sendTest({ id: pathParam(request, "id") }) }),
  });
  endpoint(app, deps, "/api/ws/webhooks/:id/deliveries", {
    GET: async (ctx, request, reply) => {
      const query = queryOf(request);
      const page = await createCaller(ctx).webhooks.deliveries({
        id: pathParam(request, "id"),
        limit: param(query, "limit"),
        cursor: param(query, "cursor"),
      } as never);
      return reply.send(page);
    },
  });
  endpoint(app, deps, "/api/ws/webhooks/:id/deliveries/:deliveryId/redeliver", {
    POST: async (ctx, request, reply) => {
      const delivery = await createCaller(ctx).webhooks.redeliver({
        id: pathParam(request, "id"),
        delivery_id: pathParam(request, "deliveryId"),
      });
      return reply.code(202).send({ success: true, data: delivery });
    },
  });
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
