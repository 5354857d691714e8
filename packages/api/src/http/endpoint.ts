import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Context } from "../context";
import { apiError } from "../errors";
import { sendError } from "./error-reply";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
const METHODS: Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

export type EndpointHandler = (ctx: Context, request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

export interface EndpointDeps {
  /** The request's context: services (503 while the database is not ready) and who is calling. */
  contextFor(request: FastifyRequest): Promise<Context>;
  /** Aborted when the server shuts down (long polls and streams end so clients go elsewhere). */
  shutdownSignal: AbortSignal;
}

/**
 * Registers one REST endpoint: its methods, and for every other method a 405 naming the ones it has
 * (OPTIONS answers with the same list). HEAD comes with GET. Every error answers in our error shape.
 */
export function endpoint(app: FastifyInstance, deps: EndpointDeps, url: string, handlers: Partial<Record<Method, EndpointHandler>>): void {
  const allowed = METHODS.filter((method) => handlers[method]);
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  for (const method of METHODS) {
    const handler = handlers[method];
    app.route({
      method,
      url,
      handler: handler
        ? async (request, reply) => {
            try {
              return await handler(await deps.contextFor(request), request, reply);
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
