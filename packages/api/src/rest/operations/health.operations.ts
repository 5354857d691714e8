import { livenessDto, readinessDto } from "@minbil/contracts/rest/health.schema";
import { defineOperation } from "./operation";

// Health checks for load balancers: routes in ../../http/health.routes.ts.

export const livenessOperation = defineOperation({
  id: "liveness",
  method: "GET",
  path: "/api/livez",
  tag: "Health",
  summary: "Liveness",
  description: "200 while the process answers (a load balancer restarts it when not).",
  auth: "none",
  responses: { 200: { description: "The process answers", content: { "application/json": { schema: livenessDto } } } },
  errors: [],
});

export const readinessOperation = defineOperation({
  id: "readiness",
  method: "GET",
  path: "/api/readyz",
  tag: "Health",
  summary: "Readiness",
  description:
    "200 when the database answers, all migrations are applied and storage is writable; 503 naming the failing part otherwise (also while starting).",
  auth: "none",
  responses: {
    200: { description: "Ready to serve", content: { "application/json": { schema: readinessDto } } },
    503: {
      description: "Not ready: `checks` names the failing part",
      content: {
        "application/json": {
          schema: readinessDto,
          example: { status: "unavailable", checks: { database: { ok: false, error: "connection refused" } } },
        },
      },
      headers: ["Retry-After"],
    },
  },
  errors: [],
});
