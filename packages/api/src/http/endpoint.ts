import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Context } from "../context";
import { apiError } from "../errors";
import { toFastifyPath, type RestOperation } from "../rest/operations/operation";
import { sendError } from "./error-reply";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
const METHODS: Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

export type EndpointHandler = (ctx: Context, request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
/** A handler that needs no context (no database, no caller): health checks, the API document. */
export type PublicHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

export interface EndpointDeps {
  /** The request's context: services (503 while the database is not ready) and who is calling. */
  contextFor(request: FastifyRequest): Promise<Context>;
  /** Aborted when the server shuts down (long polls and streams end so clients go elsewhere). */
  shutdownSignal: AbortSignal;
}

/** An operation's route: the descriptor (method, path, rate-limit bucket) and the handler that answers it. */
export interface Route {
  operation: RestOperation;
  handler: (deps: EndpointDeps) => PublicHandler;
}

/** A route whose handler gets the request's context (and so the caller, and the services). */
export function route(operation: RestOperation, handler: EndpointHandler): Route {
  if (operation.auth === "none") throw new Error(`${operation.id} needs no caller: register it with publicRoute`);
  return { operation, handler: (deps) => async (request, reply) => handler(await deps.contextFor(request), request, reply) };
}

/** A route anyone may call, answered without a context. */
export function publicRoute(operation: RestOperation, handler: PublicHandler): Route {
  return { operation, handler: () => handler };
}

/**
 * Registers routes from their operation descriptors (rest/operations): method and path come from the
 * descriptor; the operations of one path share an endpoint, and every other method gets a 405 naming
 * the ones it has (OPTIONS answers with the same list; HEAD comes with GET). Every error answers in our
 * error shape. Every request is counted against the caller's rate limits before its handler runs
 * (http/rate-limit.ts): one request, and one send for operations marked `rateLimit: "send"`.
 */
export function registerRoutes(app: FastifyInstance, deps: EndpointDeps, routes: Route[]): void {
  const byPath = new Map<string, Partial<Record<Method, { handler: PublicHandler; sends: boolean }>>>();
  for (const { operation, handler } of routes) {
    const handlers = byPath.get(operation.path) ?? {};
    if (handlers[operation.method]) throw new Error(`Two routes for ${operation.method} ${operation.path}`);
    handlers[operation.method] = { handler: handler(deps), sends: operation.rateLimit === "send" };
    byPath.set(operation.path, handlers);
  }
  for (const [path, handlers] of byPath) registerMethods(app, toFastifyPath(path), handlers);
}

function registerMethods(
  app: FastifyInstance,
  url: string,
  handlers: Partial<Record<Method, { handler: PublicHandler; sends: boolean }>>,
): void {
  const allowed = METHODS.filter((method) => handlers[method]);
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const notAllowed: PublicHandler = async (_request, reply) => {
    reply.header("Allow", allow);
    return sendError(reply, apiError("METHOD_NOT_ALLOWED", `Use ${allowed.join(" or ")} on this endpoint`));
  };
  for (const method of METHODS) {
    const given = handlers[method];
    app.route({
      method,
      url,
      config: { rateLimit: { cost: { requests: 1, sends: given?.sends ? 1 : 0 } } },
      handler: given
        ? async (request, reply) => {
            try {
              return await given.handler(request, reply);
            } catch (error) {
              return sendError(reply, error);
            }
          }
        : notAllowed,
    });
  }
  app.route({ method: "OPTIONS", url, handler: async (_request, reply) => reply.header("Allow", allow).code(204).send() });
  // TRACE echoes a request back on servers that answer it; here it is one more method the endpoint lacks.
  app.route({ method: "TRACE", url, handler: notAllowed });
}
