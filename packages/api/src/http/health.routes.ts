import type { FastifyInstance } from "fastify";

export interface ReadinessReport {
  ready: boolean;
  /** Each part the instance needs, and what is wrong with it. */
  checks: Record<string, { ok: boolean; error?: string }>;
}

/**
 * /api/livez: the process answers (a load balancer restarts it when not).
 * /api/readyz: it can serve (database reachable, migrations applied, storage reachable); 503 names
 * the failing part, so a load balancer sends traffic elsewhere until it recovers.
 */
export function registerHealthRoutes(app: FastifyInstance, readiness: () => Promise<ReadinessReport>): void {
  app.get("/api/livez", async (_request, reply) => reply.send({ status: "ok" }));
  app.get("/api/readyz", async (_request, reply) => {
    const report = await readiness();
    if (!report.ready) reply.code(503).header("Retry-After", "5");
    return reply.send({ status: report.ready ? "ready" : "unavailable", checks: report.checks });
  });
}
