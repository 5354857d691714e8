import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { Context } from "../context";
import { describeError } from "../describe-error";
import { apiError } from "../errors";
import { logger } from "../logger";
import { appRouter } from "../root";
import type { ProcedureMeta } from "../trpc";
import { rateLimitRefusal } from "./rate-limit";
import { sendError } from "./error-reply";
import { checkBodyHeaders, MAX_JSON_BYTES, readText } from "./request-body";
import { readMultipart } from "./multipart";
import { requestSignal } from "./request-signal";
import { ATTACHMENT_LIMITS } from "@minbil/contracts/limits";

/** At most this many procedures in one batched request (the inbox batches a handful). */
export const MAX_BATCH_SIZE = 10;

/**
 * tRPC's fetch adapter reads bodies with `Request.json()` and `Request.formData()`, which hold the whole
 * body in memory with no limit. This request reads them our way instead, when tRPC asks (after the
 * procedure's authorization): JSON up to 1 MB, multipart streamed to disk with the REST limits. A
 * refusal is thrown into tRPC, so the client gets it in tRPC's error shape with the right status.
 */
class LimitedBodyRequest extends Request {
  constructor(
    input: string,
    init: RequestInit,
    private readonly raw: FastifyRequest["raw"],
    private readonly onCleanup: (cleanup: () => Promise<void>) => void,
  ) {
    super(input, init);
  }
  override async json(): Promise<unknown> {
    checkBodyHeaders(this.raw, MAX_JSON_BYTES);
    const text = await readText(this.raw, MAX_JSON_BYTES);
    try {
      return JSON.parse(text);
    } catch {
      throw apiError("BAD_REQUEST", "The request body is not valid JSON");
    }
  }
  override async formData(): Promise<FormData> {
    checkBodyHeaders(this.raw, ATTACHMENT_LIMITS.maxRequestBytes);
    const { fields, cleanup } = await readMultipart(this.raw);
    this.onCleanup(cleanup);
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) {
      for (const item of Array.isArray(value) ? value : [value]) form.append(name, item as string | File);
    }
    return form;
  }
}

/** The procedures marked `rateLimit: "send"` (e.g. "messages.send"), by their path; collected once. */
const SEND_PROCEDURES = new Set<string>();
/** Every procedure's path, so metrics label a request by a procedure that exists, never by what a client wrote. */
const PROCEDURES = new Set<string>();
(function collect(record: object, prefix: string) {
  for (const [name, value] of Object.entries(record)) {
    if (typeof value === "function") {
      PROCEDURES.add(prefix + name);
      const meta = (value as { _def?: { meta?: ProcedureMeta } })._def?.meta;
      if (meta?.rateLimit === "send") SEND_PROCEDURES.add(prefix + name);
    } else if (value && typeof value === "object") collect(value as object, `${prefix}${name}.`);
  }
})(appRouter._def.record, "");

/**
 * The route a tRPC request is counted under in metrics and logs: `/api/trpc/<procedure>` for a call of
 * one known procedure, `/api/trpc/*` for a batch or an unknown name (a bounded set of labels either way).
 */
export function trpcRouteLabel(request: FastifyRequest): string {
  const paths = ((request.params as { "*"?: string } | undefined)?.["*"] ?? "").split(",");
  return paths.length === 1 && PROCEDURES.has(paths[0]!) ? `/api/trpc/${paths[0]}` : "/api/trpc/*";
}

/**
 * What a tRPC request takes from the caller's rate limits, from its path alone (the body is not read
 * yet): one unit per procedure in the batch, and a send for each procedure marked `rateLimit: "send"`.
 */
function trpcCost(request: FastifyRequest) {
  const paths = ((request.params as { "*"?: string })["*"] ?? "").split(",").slice(0, MAX_BATCH_SIZE);
  return { requests: paths.length, sends: paths.filter((path) => SEND_PROCEDURES.has(path)).length };
}

export interface TrpcEndpointDeps {
  contextFor(request: FastifyRequest): Promise<Context>;
  /** Aborted when the server shuts down, so open subscriptions end and clients reconnect elsewhere. */
  shutdownSignal: AbortSignal;
}

/** /api/trpc: the typed procedures over HTTP (queries, mutations, SSE subscriptions), with REST's limits. */
export function registerTrpcEndpoint(app: FastifyInstance, deps: TrpcEndpointDeps): void {
  app.route({
    method: ["GET", "POST"],
    url: "/api/trpc/*",
    // A refusal is answered below, in tRPC's error shape (the inbox's client reads its code from it).
    config: { rateLimit: { cost: trpcCost, answersRefusal: true } },
    handler: async (request, reply) => {
      const procedures = (request.params as { "*": string })["*"].split(",");
      if (procedures.length > MAX_BATCH_SIZE) {
        return sendError(reply, apiError("BAD_REQUEST", `At most ${MAX_BATCH_SIZE} procedures per batch`));
      }
      const cleanups: (() => Promise<void>)[] = [];
      const cleanup = () => Promise.all(cleanups.map((run) => run())).then(() => {});
      try {
        const ctx = await deps.contextFor(request);
        const refusal = rateLimitRefusal(request);
        const response = await fetchRequestHandler({
          endpoint: "/api/trpc",
          req: toWebRequest(request, reply, deps.shutdownSignal, (run) => cleanups.push(run)),
          router: appRouter,
          // Over a rate limit: every procedure of the request answers 429 RATE_LIMITED; none runs, no body is read.
          createContext: () => {
            if (refusal) throw refusal;
            return ctx;
          },
          responseMeta({ errors }) {
            const retryAfter = Math.max(0, ...errors.map((error) => describeError(error).retryAfter ?? 0));
            return retryAfter ? { headers: { "Retry-After": String(retryAfter) } } : {};
          },
          onError({ error, path }) {
            const described = describeError(error);
            if (described.internal) logger.error({ err: error, path, reqId: request.id }, "tRPC procedure failed");
          },
        });
        reply.raw.once("close", () => void cleanup());
        return reply.send(response);
      } catch (error) {
        await cleanup();
        return sendError(reply, error);
      }
    },
  });
}

function toWebRequest(
  request: FastifyRequest,
  reply: FastifyReply,
  shutdownSignal: AbortSignal,
  onCleanup: (cleanup: () => Promise<void>) => void,
): Request {
  const url = `http://${request.headers.host ?? "localhost"}${request.url}`;
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  // Ends the procedure (and a subscription's stream) when the client goes away or the server stops.
  const signal = requestSignal(reply, shutdownSignal);
  return new LimitedBodyRequest(url, { method: request.method, headers, signal }, request.raw, onCleanup);
}
