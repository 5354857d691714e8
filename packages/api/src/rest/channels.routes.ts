import type { FastifyInstance } from "fastify";
import { createCaller } from "../root";
import { registerRoutes, route, type EndpointDeps } from "../http/endpoint";
import { pathParam } from "./rest-params";
import { retryDeliveryOperation } from "./operations/channels.operations";

/** POST /api/ws/messages/{message_id}/deliveries/retry: staff's "send again" of a failed SMS or e-mail, for partners. */
export function registerChannelsRoutes(app: FastifyInstance, deps: EndpointDeps): void {
  registerRoutes(app, deps, [
    route(retryDeliveryOperation, async (ctx, request, reply) => {
      const data = await createCaller(ctx).channels.retryDelivery({
        message_id: pathParam(request, "message_id"),
      } as unknown as Parameters<ReturnType<typeof createCaller>["channels"]["retryDelivery"]>[0]);
      return reply.send({ success: true, data });
    }),
  ]);
}
