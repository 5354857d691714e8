import { PassThrough } from "node:stream";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { MAX_INT4 } from "@minbil/contracts/messages/ids.schema";
import type { Context } from "../context";
import { fieldError } from "../errors";
import { createCaller } from "../root";
import { authFailureError } from "../trpc";
import { registerRoutes, route, type EndpointDeps } from "../http/endpoint";
import { requestSignal } from "../http/request-signal";
import { checkResumePoint } from "../events/event-retention";
import { streamEvents } from "../events/stream-events.handler";
import { param, queryOf } from "./rest-params";
import { listEventsOperation, streamEventsOperation } from "./operations/events.operations";

/** A comment line this often keeps proxies from closing a quiet stream. */
export const HEARTBEAT_MS = 15_000;
/** What a client is told to wait before reconnecting when the server ends its stream (shutdown). */
const RECONNECT_MS = 1_000;

/** Streams of one workshop are handed the same event object (stream-events.handler.ts): serialize it once. */
const serializedEvents = new WeakMap<object, string>();
function serialized(event: object): string {
  let text = serializedEvents.get(event);
  if (text === undefined) serializedEvents.set(event, (text = JSON.stringify(event)));
  return text;
}

// The event feed for partners: GET /api/ws/events (pages, long polling) and GET /api/ws/events/stream
// (server-sent events), over the same event log as the inbox's live updates.

export function registerEventsRoutes(app: FastifyInstance, deps: EndpointDeps): void {
  registerRoutes(app, deps, [
    route(listEventsOperation, (ctx, request, reply) => listEvents(ctx, request, reply, deps.shutdownSignal)),
    route(streamEventsOperation, (ctx, request, reply) => streamEventsAsSse(ctx, request, reply, deps.shutdownSignal)),
  ]);
}

/** GET /api/ws/events?after=&limit=&wait= */
async function listEvents(ctx: Context, request: FastifyRequest, reply: FastifyReply, shutdownSignal: AbortSignal) {
  const query = queryOf(request);
  const caller = createCaller(ctx, { signal: requestSignal(reply, shutdownSignal) });
  return reply.send(
    await caller.events.list({ after: param(query, "after"), limit: param(query, "limit"), wait: param(query, "wait") } as never),
  );
}

/**
 * GET /api/ws/events/stream: each event as an SSE message whose `id:` is its seq, so a reconnecting
 * EventSource resumes by itself (Last-Event-ID); `?after=` resumes explicitly; with neither, from now.
 */
async function streamEventsAsSse(ctx: Context, request: FastifyRequest, reply: FastifyReply, shutdownSignal: AbortSignal) {
  const { auth, failure } = await ctx.getAuth();
  if (!auth) throw authFailureError(failure);
  const header = request.headers["last-event-id"];
  const resumeFrom = (Array.isArray(header) ? header[0] : header) ?? param(queryOf(request), "after");
  let after: number | undefined;
  if (resumeFrom !== undefined) {
    if (!/^\d{1,10}$/.test(resumeFrom.trim()) || Number(resumeFrom) > MAX_INT4) {
      throw fieldError("after", "after (or Last-Event-ID) must be the seq of an event: a whole number");
    }
    after = Number(resumeFrom);
    await checkResumePoint(ctx.db, auth.workshopId, after);
  }

  const signal = requestSignal(reply, shutdownSignal);
  const out = new PassThrough();
  const heartbeat = setInterval(() => out.write(": heartbeat\n\n"), HEARTBEAT_MS);
  const events = streamEvents(
    { db: ctx.db, events: ctx.events, workshopId: auth.workshopId, stillAllowed: ctx.recheckAuth },
    { lastEventId: after === undefined ? null : String(after) },
    signal,
  );
  void (async () => {
    try {
      out.write(`retry: ${RECONNECT_MS}\n\n`);
      for await (const [id, event] of events) out.write(`id: ${id}\ndata: ${serialized(event)}\n\n`);
    } catch (error) {
      out.write(`event: error\ndata: ${JSON.stringify({ message: "The stream failed; reconnect to resume." })}\n\n`);
      reply.log.warn({ err: error }, "event stream failed");
    } finally {
      clearInterval(heartbeat);
      out.end();
    }
  })();
  return reply
    .headers({ "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store", "X-Accel-Buffering": "no" })
    .send(out);
}
