import type { FastifyReply } from "fastify";
import type { RestErrorBody } from "@minbil/contracts/rest/errors";
import { describeError, type DescribedError } from "../describe-error";
import { logger } from "../logger";

export function restErrorBody(described: Pick<DescribedError, "code" | "message" | "details" | "extra">): RestErrorBody {
  return {
    success: false,
    message: described.message,
    error: { code: described.code, ...(described.details?.length ? { details: described.details } : {}), ...described.extra },
  };
}

/** Answers any error in the REST error shape, with the status, WWW-Authenticate and Retry-After it calls for. */
export function sendError(reply: FastifyReply, error: unknown): FastifyReply {
  const described = describeError(error);
  if (described.internal) logger.error({ err: error, reqId: reply.request.id, route: reply.request.routeOptions.url }, "request failed");
  // One short line per refused request during an outage (not a stack trace each).
  else if (described.code === "SERVICE_UNAVAILABLE")
    logger.warn(
      { reqId: reply.request.id, reason: error instanceof Error ? error.message.split("\n").find((line) => line.trim()) : String(error) },
      "service unavailable",
    );
  if (described.code === "UNAUTHORIZED") {
    const invalid = /invalid|revoked|expired/i.test(described.message);
    reply.header("WWW-Authenticate", invalid ? 'Bearer realm="minbil", error="invalid_token"' : 'Bearer realm="minbil"');
  }
  if (described.retryAfter) reply.header("Retry-After", String(described.retryAfter));
  return reply.code(described.status).type("application/json; charset=utf-8").send(restErrorBody(described));
}
