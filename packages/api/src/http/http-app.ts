import { randomUUID } from "node:crypto";
import type { Duplex } from "node:stream";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyRequest,
  type FastifyServerOptions,
} from "fastify";
import { REST_ERROR_CODES, type RestErrorCode } from "@minbil/contracts/rest/errors";
import type { StaffSession } from "../auth/auth-context";
import { metaFromNode } from "../auth/request-meta";
import { createContext, type Context, type Services } from "../context";
import { apiError } from "../errors";
import { logger } from "../logger";
import type { ApiRateLimits } from "../rate-limits/api-limits";
import { registerMessagesRoutes } from "../rest/messages.routes";
import { registerEventsRoutes } from "../rest/events.routes";
import { registerWebhooksRoutes } from "../rest/webhooks.routes";
import { registerStaffRoutes } from "../rest/staff.routes";
import { registerTemplatesRoutes } from "../rest/templates.routes";
import { registerCustomerLinkRoutes } from "../rest/customer-links.routes";
import { registerCustomerPageRoutes } from "../rest/customer-page.routes";
import { registerChannelsRoutes } from "../rest/channels.routes";
import { registerOpenApiRoutes } from "../openapi/openapi.routes";
import { registerMetricsRoutes } from "../metrics/metrics.routes";
import { httpRequestDuration, httpRequests } from "../metrics/metrics";
import { registerInboundRoutes } from "../channels/inbound/inbound.routes";
import { registerOptOutRoutes } from "../channels/opt-out/opt-out.routes";
import { discardUnreadBody } from "./body-watchdog";
import { sendError } from "./error-reply";
import { registerHealthRoutes, type ReadinessReport } from "./health.routes";
import { registerRateLimits } from "./rate-limit";
import { registerTrpcEndpoint, trpcRouteLabel } from "./trpc-endpoint";

export interface HttpAppDeps {
  /** The services; rejects with 503 SERVICE_UNAVAILABLE while the database is not ready. */
  getServices(): Promise<Services>;
  /** The staff session a request's cookie names, if any (the web app knows the cookie). */
  getSession(headers: IncomingHttpHeaders): Promise<StaffSession | null>;
  readiness(): Promise<ReadinessReport>;
  /** The process's API rate limiters (memory, or the shared PostgreSQL store); rejects like getServices while not ready. */
  getRateLimits(): Promise<ApiRateLimits>;
  /** Which proxies' X-Forwarded-For to believe (TRUST_PROXY); false: none. */
  trustProxy: FastifyServerOptions["trustProxy"];
  /** Aborted at shutdown: open event streams end so clients reconnect to another instance. */
  shutdownSignal: AbortSignal;
  /** Requests that are not the API's (the pages): handed on untouched. */
  fallback?: (request: IncomingMessage, response: ServerResponse) => void;
  /** METRICS_TOKEN: GET /api/metrics answers only with it as Bearer; unset, the endpoint does not exist (404). */
  metricsToken?: string;
}

/** Paths the API server answers itself (the API, and its reference at /docs/api); everything else goes to the fallback (Next.js). */
export function isApiPath(url: string | undefined): boolean {
  return !!url && /^\/(api\/(ws|trpc|livez|readyz|metrics|customer|channels)|docs\/api)(\/|\?|$)/.test(url);
}

const REQUEST_ID = /^[\w.:@-]{1,128}$/;

/** On every answer of the API. */
const SECURITY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-store",
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
};

/**
 * The HTTP server of the API: REST under /api/ws, tRPC under /api/trpc, health checks, the API document
 * (/api/ws/openapi.json) and its reference (/docs/api). Request bodies
 * are never parsed by the framework: each route reads its own, after it has authorized the caller.
 */
export function createHttpApp(deps: HttpAppDeps): FastifyInstance {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // One log line per request, written by our onResponse hook below.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: deps.trustProxy,
    requestIdHeader: false,
    // Requests Node's HTTP parser refuses (a control character in a header, headers over 16 KB) never
    // reach a route: answer them in our error shape too.
    clientErrorHandler: answerClientError,
    genReqId: (request) => {
      const given = request.headers["x-request-id"];
      return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // Slow-loris protection: the headers must arrive within 20 s; bodies are watched by our readers.
    ...(deps.fallback
      ? {
          serverFactory: (handler: (request: IncomingMessage, response: ServerResponse) => void): Server => {
            const server = createServer((request, response) => {
              if (isApiPath(request.url)) return handler(request, response);
              measurePage(request, response);
              deps.fallback!(request, response);
            });
            server.headersTimeout = 20_000;
            server.requestTimeout = 300_000;
            return server;
          },
        }
      : {}),
  });

  // Bodies are read by the routes themselves (after authorization, with limits): no framework parsing.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", (_request, _payload, done) => done(null));

  // The hooks that run on every request take a callback rather than return a promise: they do nothing
  // asynchronous, and a promise (and its microtask) per hook per request showed in the CPU profile.
  app.addHook("onRequest", (request, reply, done) => {
    reply.headers(SECURITY_HEADERS);
    reply.header("X-Request-Id", request.id);
    if (request.protocol === "https") reply.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    done();
  });
  // A request answered before its body was read (refused upload, failed authentication): let the client
  // finish sending and keep its connection, rather than resetting it.
  app.addHook("onSend", (request, _reply, payload, done) => {
    discardUnreadBody(request.raw);
    done(null, payload);
  });
  // One line per request and its metrics. The route is the pattern (`/api/ws/messages/thread/:booking_id`),
  // never the URL: no ids or query strings (which could carry a token) in logs or metric labels.
  app.addHook("onResponse", (request, reply, done) => {
    const route = routeLabel(request);
    const status = String(reply.statusCode);
    httpRequests.inc({ method: request.method, route, status });
    httpRequestDuration.observe({ method: request.method, route, status }, reply.elapsedTime / 1000);
    if (logger.isLevelEnabled("info")) {
      logger.info(
        {
          reqId: request.id,
          method: request.method,
          route,
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime),
          workshop: workshops.get(request),
        },
        "request",
      );
    }
    done();
  });

  app.setNotFoundHandler(async (request, reply) =>
    sendError(reply, apiError("NOT_FOUND", `No endpoint ${request.method} ${request.url.split("?")[0]}`)),
  );
  app.setErrorHandler(async (error, _request, reply) => {
    // The framework's own refusals (a malformed URL, say) in our error shape; anything else is ours.
    const status = (error as { statusCode?: number }).statusCode;
    const code =
      status && status < 500
        ? (Object.entries(REST_ERROR_CODES).find(([, value]) => value === status)?.[0] as RestErrorCode | undefined)
        : undefined;
    return sendError(reply, code ? apiError(code, "The request could not be handled: " + codeSentence(code)) : error);
  });

  // One context per request: the rate limits resolve the caller first, and the route gets the same one.
  const contexts = new WeakMap<FastifyRequest, Promise<Context>>();
  const contextFor = (request: FastifyRequest): Promise<Context> => {
    let context = contexts.get(request);
    if (!context) {
      context = (async () => {
        const services = await deps.getServices();
        const session = request.headers.authorization === undefined ? await deps.getSession(request.headers) : null;
        const ctx = createContext({ services, request: metaFromNode(request.method, request.headers), session });
        // The request's log line names the caller's workshop once the caller is known.
        const getAuth = ctx.getAuth;
        ctx.getAuth = () =>
          getAuth().then((result) => {
            if (result.auth) workshops.set(request, result.auth.workshopId);
            return result;
          });
        return ctx;
      })();
      contexts.set(request, context);
    }
    return context;
  };
  registerRateLimits(app, { contextFor, getRateLimits: deps.getRateLimits });
  const endpointDeps = { contextFor, shutdownSignal: deps.shutdownSignal };
  registerMessagesRoutes(app, endpointDeps);
  registerEventsRoutes(app, endpointDeps);
  registerWebhooksRoutes(app, endpointDeps);
  registerStaffRoutes(app, endpointDeps);
  registerTemplatesRoutes(app, endpointDeps);
  registerCustomerLinkRoutes(app, endpointDeps);
  registerCustomerPageRoutes(app, endpointDeps);
  registerChannelsRoutes(app, endpointDeps);
  registerOpenApiRoutes(app, endpointDeps);
  registerTrpcEndpoint(app, { contextFor, shutdownSignal: deps.shutdownSignal });
  registerHealthRoutes(app, endpointDeps, deps.readiness);
  registerMetricsRoutes(app, endpointDeps, deps.metricsToken);
  // The SMS and e-mail providers' webhooks and the e-mails' opt-out link (signed, not API-token calls).
  registerInboundRoutes(app, { getServices: deps.getServices });
  registerOptOutRoutes(app, { getServices: deps.getServices });
  return app;
}

/**
 * What Node's HTTP server refused before a route saw it, in our error shape: a timeout (408), headers
 * over 16 KB (431), anything else the parser cannot read (400). As Node's own handler does, it writes
 * only when no answer has started on the connection, and then destroys the socket (a client that never
 * closes its side would otherwise hold it open).
 */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const answerStarted = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
  if (socket.writable && !answerStarted) {
    const [code, reason, message]: [RestErrorCode, string, string] =
      error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? ["REQUEST_TIMEOUT", "Request Timeout", "The request did not arrive in time"]
        : error.code === "HPE_HEADER_OVERFLOW"
          ? ["HEADERS_TOO_LARGE", "Request Header Fields Too Large", "The request's headers are too large (at most 16 KB together)"]
          : ["BAD_REQUEST", "Bad Request", "The request is malformed HTTP: a header holds a character it may not, or a line is broken"];
    const body = JSON.stringify({ success: false, message, error: { code } });
    const answer =
      `HTTP/1.1 ${REST_ERROR_CODES[code]} ${reason}\r\n` +
      `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`;
    socket.end(answer, () => socket.destroy());
    return;
  }
  socket.destroy();
}

/** The caller's workshop per request, for its log line (set when the caller is resolved). */
const workshops = new WeakMap<FastifyRequest, string>();

function routeLabel(request: FastifyRequest): string {
  const pattern = request.routeOptions.url;
  if (!pattern) return "(unmatched)";
  return pattern === "/api/trpc/*" ? trpcRouteLabel(request) : pattern;
}

/** Pages and their assets (answered by Next.js) in the request metrics, as two routes: no per-URL labels. */
function measurePage(request: IncomingMessage, response: ServerResponse): void {
  const started = process.hrtime.bigint();
  const route = request.url?.startsWith("/_next/") ? "/_next/*" : "(page)";
  response.once("finish", () => {
    const labels = { method: request.method ?? "GET", route, status: String(response.statusCode) };
    httpRequests.inc(labels);
    httpRequestDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
  });
}

function codeSentence(code: RestErrorCode): string {
  return code.toLowerCase().replaceAll("_", " ");
}
