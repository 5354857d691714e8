import type { FastifyInstance, FastifyRequest } from "fastify";
import { createCaller } from "../root";
import { registerRoutes, route, type EndpointDeps } from "../http/endpoint";
import { withBody } from "./with-body";
import { decideEstimateOperation, issueCustomerLinkOperation, revokeCustomerLinkOperation } from "./operations/customer-links.operations";

type Caller = ReturnType<typeof createCaller>;

const pathOf = (request: FastifyRequest) => request.params as { booking_id: string; estimate_id?: string };

/** Customer links and estimate decisions for partners, on the procedures the inbox uses. */
export function registerCustomerLinkRoutes(app: FastifyInstance, deps: EndpointDeps): void {
  registerRoutes(app, deps, [
    route(issueCustomerLinkOperation, async (ctx, request, reply) => {
      const data = await createCaller(ctx).customerLinks.reissue({ booking_id: pathOf(request).booking_id } as Parameters<
        Caller["customerLinks"]["reissue"]
      >[0]);
      return reply.code(201).send({ data });
    }),
    route(revokeCustomerLinkOperation, async (ctx, request, reply) => {
      await createCaller(ctx).customerLinks.revoke({ booking_id: pathOf(request).booking_id } as Parameters<
        Caller["customerLinks"]["revoke"]
      >[0]);
      return reply.code(204).send();
    }),
    route(decideEstimateOperation, async (ctx, request, reply) => {
      const { booking_id, estimate_id } = pathOf(request);
      const data = await withBody(ctx, request, (fields, caller) =>
        caller.estimates.decide({ ...fields, booking_id, estimate_id } as Parameters<Caller["estimates"]["decide"]>[0]),
      );
      return reply.send({ data });
    }),
  ]);
}
