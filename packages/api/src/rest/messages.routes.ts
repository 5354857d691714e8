import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { restSendMessageBody, restSentMessageBody, type RestSentMessageBody } from "@minbil/contracts/rest/send-message-body.schema";
import { bookingIdSchema } from "@minbil/contracts/messages/ids.schema";
import type { SendMessageResultDto } from "@minbil/contracts/dto";
import type { Context } from "../context";
import { bookingNotFound, fieldError } from "../errors";
import { createCaller } from "../root";
import { authFailureError } from "../trpc";
import { openAttachment } from "../attachments/open-attachment.handler";
import { registerRoutes, route, type EndpointDeps } from "../http/endpoint";
import { readRequestFields } from "../http/request-body";
import { param, queryOf } from "./rest-params";
import {
  downloadAttachmentOperation,
  getThreadByQueryOperation,
  getThreadOperation,
  listThreadsOperation,
  sendMessageOperation,
  sendToThreadOperation,
  updateThreadOperation,
} from "./operations/messages.operations";
import { withBody } from "./with-body";
import { sendAttachment } from "./attachment-reply";

// The REST contract of /api/ws/messages, on top of the typed procedures: each route reads the HTTP
// request into the procedure's input, calls the procedure through the same context (and so the same
// authorization, validation and handler) as tRPC, and shapes the JSON answer the contract documents.
// Method, path, parameters and answers of each route are described once, in ./operations.

type Caller = ReturnType<typeof createCaller>;

export function registerMessagesRoutes(app: FastifyInstance, deps: EndpointDeps): void {
  registerRoutes(app, deps, [
    route(listThreadsOperation, listThreads),
    route(sendMessageOperation, (ctx, request, reply) => send(ctx, request, reply, null)),
    route(getThreadByQueryOperation, (ctx, request, reply) => getThread(ctx, request, reply, null)),
    route(getThreadOperation, (ctx, request, reply) => getThread(ctx, request, reply, bookingIdInPath(request))),
    route(sendToThreadOperation, (ctx, request, reply) => send(ctx, request, reply, bookingIdInPath(request))),
    route(updateThreadOperation, async (ctx, request, reply) => {
      const thread = await withBody(ctx, request, (fields, caller) =>
        caller.messages.updateThread({ ...fields, booking_id: bookingIdInPath(request) } as Parameters<
          Caller["messages"]["updateThread"]
        >[0]),
      );
      return reply.send({ success: true, data: thread });
    }),
    route(downloadAttachmentOperation, downloadAttachment),
  ]);
}

function bookingIdInPath(request: FastifyRequest): string {
  return (request.params as { booking_id: string }).booking_id;
}

/** GET /api/ws/messages */
async function listThreads(ctx: Context, request: FastifyRequest, reply: FastifyReply) {
  const query = queryOf(request);
  const data = await createCaller(ctx).messages.list({
    limit: param(query, "limit"),
    cursor: param(query, "cursor"),
    unread: param(query, "unread"),
    status: param(query, "status")?.toLowerCase(),
    state: param(query, "state")?.toLowerCase(),
    assignee: param(query, "assignee"),
    q: param(query, "q") ?? param(query, "search"),
  } as Parameters<Caller["messages"]["list"]>[0]);
  return reply.send(data);
}

/** GET /api/ws/messages/thread?id=<booking_id> and GET /api/ws/messages/thread/{booking_id} */
async function getThread(ctx: Context, request: FastifyRequest, reply: FastifyReply, pathBookingId: string | null) {
  const query = queryOf(request);
  const bookingId = pathBookingId ?? param(query, "id") ?? param(query, "booking_id");
  if (bookingId === undefined) {
    throw fieldError("id", "query parameter id (the booking id) is required: /api/ws/messages/thread?id=<booking_id>");
  }
  const data = await createCaller(ctx).messages.thread({
    booking_id: bookingId,
    limit: param(query, "limit"),
    cursor: param(query, "cursor"),
  } as Parameters<Caller["messages"]["thread"]>[0]);
  return reply.send(data);
}

/**
 * POST /api/ws/messages (booking_id in the body) and POST /api/ws/messages/thread/{booking_id}/send.
 * The caller is authenticated, and the path's booking checked, before a byte of the body is read.
 */
async function send(ctx: Context, request: FastifyRequest, reply: FastifyReply, pathBookingId: string | null) {
  const { auth, failure } = await ctx.getAuth();
  if (!auth) throw authFailureError(failure);
  let bookingId: number | null = null;
  if (pathBookingId !== null) {
    bookingId = z.object({ booking_id: bookingIdSchema }).parse({ booking_id: pathBookingId }).booking_id;
    const booking = await ctx.db.booking.findFirst({ where: { id: bookingId, workshopId: auth.workshopId }, select: { id: true } });
    if (!booking) throw bookingNotFound(bookingId);
  }
  const { fields, cleanup } = await readRequestFields(request.raw);
  try {
    if (bookingId !== null) {
      const inBody = fields.booking_id ?? fields.bookingId;
      if (inBody !== undefined && String(inBody).trim() !== String(bookingId)) {
        throw fieldError("booking_id", "booking_id in the body does not match the booking in the path");
      }
      fields.booking_id = bookingId;
      delete fields.bookingId;
    }
    const idempotencyKey = request.headers["idempotency-key"];
    if (idempotencyKey !== undefined) fields.idempotency_key = idempotencyKey;
    const input = restSendMessageBody.parse(fields);
    return sentResponse(reply, await createCaller(ctx).messages.send(input));
  } finally {
    await cleanup();
  }
}

function sentResponse(reply: FastifyReply, result: SendMessageResultDto) {
  const body: RestSentMessageBody = { success: true, message: restSentMessageBody.shape.message.value, data: result.message };
  if (result.replayed) reply.header("Idempotent-Replayed", "true");
  return reply.code(result.replayed ? 200 : 201).send(body);
}

/** GET /api/ws/messages/attachments/{attachment_id} — the bytes, for the owning workshop only. */
async function downloadAttachment(ctx: Context, request: FastifyRequest, reply: FastifyReply) {
  const { auth, failure } = await ctx.getAuth();
  if (!auth) throw authFailureError(failure);
  const { attachment_id } = request.params as { attachment_id: string };
  const file = await openAttachment({ db: ctx.db, storage: ctx.storage, workshopId: auth.workshopId }, attachment_id);
  return sendAttachment(reply, file);
}
