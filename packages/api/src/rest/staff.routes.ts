import type { FastifyInstance } from "fastify";
import { createCaller } from "../root";
import { registerRoutes, route, type EndpointDeps } from "../http/endpoint";
import { listStaffOperation } from "./operations/staff.operations";

/** GET /api/ws/staff: whom threads can be assigned to. */
export function registerStaffRoutes(app: FastifyInstance, deps: EndpointDeps): void {
  registerRoutes(app, deps, [
    route(listStaffOperation, async (ctx, _request, reply) =>
      reply.send({ data: await createCaller(ctx).staff.list(), meta: { next_cursor: null, has_more: false } }),
    ),
  ]);
}
