import type { FastifyInstance } from "fastify";
import type { LivenessDto, ReadinessDto } from "@minbil/contracts/rest/health.schema";
import { livenessOperation, readinessOperation } from "../rest/operations/health.operations";
import { publicRoute, registerRoutes, type EndpointDeps } from "./endpoint";

export interface ReadinessReport {
  ready: boolean;
  /** Each part the instance needs, and what is wrong with it. */
  checks: ReadinessDto["checks"];
}

/**
 * /api/livez: the process answers (a load balancer restarts it when not).
 * /api/readyz: it can serve (database reachable, migrations applied, storage reachable); 503 names
 * the failing part, so a load balancer sends traffic elsewhere until it recovers.
 */
export function registerHealthRoutes(app: FastifyInstance, deps: EndpointDeps, readiness: () => Promise<ReadinessReport>): void {
  registerRoutes(app, deps, [
    publicRoute(livenessOperation, async (_request, reply) => reply.send({ status: "ok" } satisfies LivenessDto)),
    publicRoute(readinessOperation, async (_request, reply) => {
      const report = await readiness();
      if (!report.ready) reply.code(503).header("Retry-After", "5");
      return reply.send({ status: report.ready ? "ready" : "unavailable", checks: report.checks } satisfies ReadinessDto);
    }),
  ]);
}
