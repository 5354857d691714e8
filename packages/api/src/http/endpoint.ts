import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Context } from "../context";
import { apiError } from "../errors";
import { sendError } from "./error-reply";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
const METHODS: Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

export type EndpointHandler = (ctx: Context, request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/**
 * An operation with options. `rateLimit: "send"`: it sends a message, so besides the caller's request
 * budget it spends the token's send budget (see http/rate-limit.ts); choose it for every operation
 * that sends to customers.
 */
export interface EndpointOperation {
  handler: EndpointHandler;
  rateLimit?: "send";
}

export interface EndpointDeps {
  /** The request's context: services (503 while the database is not ready) and who is calling. */
  contextFor(request: FastifyRequest): Promise<Context>;
  /** Aborted when the server shuts down (long polls and streams end so clients go elsewhere). */
  shutdownSignal: AbortSignal;
}

/**
 * Registers one REST endpoint: its methods, and for every other method a 405 naming the ones it has
 * (OPTIONS answers with the same list). HEAD comes with GET. Every error answers in our error shape.
 * Every request is counted against the caller's rate limits before its handler runs (http/rate-limit.ts).
 */
export function endpoint(
  app: FastifyInstance,
  deps: EndpointDeps,
  url: string,
  operations: Partial<Record<Method, EndpointHandler | EndpointOperation>>,
): void {
  const allowed = METHODS.filter((method) => operations[method]);
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  for (const method of METHODS) {
    const given = operations[method];
    const operation = typeof given === "function" ? { handler: given } : given;
    app.route({
      method,
      url,
      config: { rateLimit: { cost: { requests: 1, sends: operation?.rateLimit === "send" ? 1 : 0 } } },
      handler: operation
        ? async (request, reply) => {
            try {
              return await operation.handler(await deps.contextFor(request), request, reply);
            } catch (error) {
              return sendError(reply, error);
            }
          }
        : async (_request, reply) => {
            reply.header("Allow", allow);
            return sendError(reply, apiError("METHOD_NOT_ALLOWED", `Use ${allowed.join(" or ")} on this endpoint`));
          },
    });
  }
  app.route({ method: "OPTIONS", url, handler: async (_request, reply) => reply.header("Allow", allow).code(204).send() });
}
