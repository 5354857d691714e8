import type { FastifyInstance } from "fastify";
import { createCaller } from "../root";
import { registerRoutes, route, type EndpointDeps } from "../http/endpoint";
import { listTemplatesOperation } from "./operations/templates.operations";

/** GET /api/ws/templates: the workshop's message templates (send one with `template_id`). */
export function registerTemplatesRoutes(app: FastifyInstance, deps: EndpointDeps): void {
  registerRoutes(app, deps, [
    route(listTemplatesOperation, async (ctx, _request, reply) =>
      reply.send({ data: await createCaller(ctx).templates.list(), meta: { next_cursor: null, has_more: false } }),
    ),
  ]);
}
