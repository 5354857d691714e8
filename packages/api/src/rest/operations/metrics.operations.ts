import { z } from "zod";
import { defineOperation } from "./operation";

// Prometheus metrics for the operators: route in ../../metrics/metrics.routes.ts.

export const metricsOperation = defineOperation({
  id: "getMetrics",
  method: "GET",
  path: "/api/metrics",
  tag: "Health",
  summary: "Prometheus metrics",
  description:
    "This instance's metrics in the Prometheus text format: requests and latency per route and status, messages sent, webhook attempts by outcome, open event streams, database pool use, and the lag from an event's commit to its delivery. Only with `Authorization: Bearer <METRICS_TOKEN>`; without `METRICS_TOKEN` set on the server the endpoint does not exist (404).",
  auth: "metrics",
  responses: {
    200: {
      description: "The metrics (Prometheus text exposition format 0.0.4)",
      content: {
        "text/plain": {
          schema: z.string().meta({
            description: "Prometheus text exposition format",
            example:
              '# TYPE minbil_http_requests_total counter\nminbil_http_requests_total{method="GET",route="/api/ws/messages",status="200"} 42\n',
          }),
        },
      },
    },
  },
  errors: ["UNAUTHORIZED", "NOT_FOUND"],
});
