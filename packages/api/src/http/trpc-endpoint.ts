import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { Context } from "../context";
import { describeError } from "../describe-error";
import { apiError } from "../errors";
import { logger } from "../logger";
import { appRouter } from "../root";
import { sendError } from "./error-reply";
import { checkBodyHeaders, MAX_JSON_BYTES, mediaTypeOf, readText } from "./request-body";
import { readMultipart } from "./multipart";
import { ATTACHMENT_LIMITS } from "@minbil/contracts/limits";

/** At most this many procedures in one batched request (the inbox batches a handful). */
export const MAX_BATCH_SIZE = 10;

/**
 * tRPC's fetch adapter reads a multipart body with `Request.formData()`, which holds the whole upload
 * in memory. We parse it first with our streaming reader (the same limits as REST, files on disk) and
 * hand tRPC the finished form through this request.
 */
class ParsedFormRequest extends Request {
  constructor(
    input: string,
    init: RequestInit,
    private readonly form: FormData,
  ) {
    super(input, init);
  }
  override formData(): Promise<FormData> {
    return Promise.resolve(this.form);
  }
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
    handler: async (request, reply) => {
      const procedures = (request.params as { "*": string })["*"].split(",");
      if (procedures.length > MAX_BATCH_SIZE) {
        return sendError(reply, apiError("BAD_REQUEST", `At most ${MAX_BATCH_SIZE} procedures per batch`));
      }
      let cleanup = async () => {};
      try {
        const ctx = await deps.contextFor(request);
        const { webRequest, done } = await toWebRequest(request, reply, ctx, deps.shutdownSignal);
        cleanup = done;
        const response = await fetchRequestHandler({
          endpoint: "/api/trpc",
          req: webRequest,
          router: appRouter,
          createContext: () => ctx,
          responseMeta({ errors }) {
            const retryAfter = Math.max(0, ...errors.map((error) => describeError(error).retryAfter ?? 0));
            return retryAfter ? { headers: { "Retry-After": String(retryAfter) } } : {};
          },
          onError({ error, path }) {
            const described = describeError(error);
            if (described.internal) logger.error({ err: error, path, reqId: request.id }, "tRPC procedure failed");
          },
        });
        reply.raw.once("finish", () => void cleanup());
        return reply.send(response);
      } catch (error) {
        await cleanup();
        return sendError(reply, error);
      }
    },
  });
}

async function toWebRequest(
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: Context,
  shutdownSignal: AbortSignal,
): Promise<{ webRequest: Request; done: () => Promise<void> }> {
  const url = `http://${request.headers.host ?? "localhost"}${request.url}`;
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  // Ends the procedure (and a subscription's stream) when the client goes away or the server stops.
  const controller = new AbortController();
  const abort = () => controller.abort();
  reply.raw.once("close", abort);
  shutdownSignal.addEventListener("abort", abort, { once: true });
  controller.signal.addEventListener("abort", () => shutdownSignal.removeEventListener("abort", abort), { once: true });
  const init: RequestInit = { method: request.method, headers, signal: controller.signal };
  if (request.method !== "POST") return { webRequest: new Request(url, init), done: async () => {} };

  if (mediaTypeOf(request.raw) === "multipart/form-data") {
    // Who is calling is settled before the upload is read: a refused caller gets an empty form, and
    // the procedure's own authorization answers it.
    if (!(await ctx.getAuth()).auth) return { webRequest: new ParsedFormRequest(url, init, new FormData()), done: async () => {} };
    checkBodyHeaders(request.raw, ATTACHMENT_LIMITS.maxRequestBytes);
    const { fields, cleanup } = await readMultipart(request.raw);
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) {
      for (const item of Array.isArray(value) ? value : [value]) form.append(name, item as string | File);
    }
    headers.delete("content-length");
    return { webRequest: new ParsedFormRequest(url, init, form), done: cleanup };
  }
  checkBodyHeaders(request.raw, MAX_JSON_BYTES);
  const body = await readText(request.raw, MAX_JSON_BYTES);
  headers.delete("content-length");
  return { webRequest: new Request(url, { ...init, body }), done: async () => {} };
}
