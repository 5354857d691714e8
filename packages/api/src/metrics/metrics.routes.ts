import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { apiError } from "../errors";
import { publicRoute, registerRoutes, type EndpointDeps } from "../http/endpoint";
import { metricsOperation } from "../rest/operations/metrics.operations";
import { registry } from "./metrics";

/**
 * GET /api/metrics for Prometheus, only with `Authorization: Bearer <METRICS_TOKEN>`. Without a token
 * configured the endpoint answers like any unknown path (404), so an instance never exposes its metrics
 * by default. The token is compared in constant time (both sides hashed first, so lengths leak nothing).
 */
export function registerMetricsRoutes(app: FastifyInstance, deps: EndpointDeps, metricsToken: string | undefined): void {
  const expected = metricsToken ? digest(metricsToken) : null;
  registerRoutes(app, deps, [
    publicRoute(metricsOperation, async (request, reply) => {
      if (!expected) throw apiError("NOT_FOUND", `No endpoint ${request.method} ${request.url.split("?")[0]}`);
      const given = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? "")?.[1];
      if (!given) throw apiError("UNAUTHORIZED", "Authentication required: send Authorization: Bearer <METRICS_TOKEN>");
      if (!timingSafeEqual(digest(given), expected)) throw apiError("UNAUTHORIZED", "Invalid metrics token");
      return reply.type(registry.contentType).send(await registry.metrics());
    }),
  ]);
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}
