import { Readable } from "node:stream";
import { restSendMessageBody } from "@minbil/contracts/rest/send-message-body.schema";
import type { SendMessageResultDto } from "@minbil/contracts/dto";
import type { StaffSession } from "../auth/auth-context";
import { createContext, type Context, type Services } from "../context";
import { apiError } from "../errors";
import { createCaller } from "../root";
import { openAttachment } from "../attachments/open-attachment.handler";
import { errorResponse, toErrorResponse } from "./error-response";
import { readRequestFields } from "./read-request-body";

// The REST contract of /api/ws/messages, on top of the typed procedures: each route reads the HTTP
// request into the procedure's input, calls the procedure through the same context (and so the same
// authorization, validation and handler) as tRPC, and shapes the JSON answer the contract documents.

export interface RestDeps {
  getServices(): Promise<Services>;
  /** The signed-in staff member of a browser request, if any. */
  getSession(request: Request): Promise<StaffSession | null>;
}

type Caller = ReturnType<typeof createCaller>;

export function createMessagesRestRoutes(deps: RestDeps) {
  async function handle(request: Request, run: (caller: Caller, ctx: Context) => Promise<Response>): Promise<Response> {
    try {
      const ctx = await createContext({
        services: await deps.getServices(),
        headers: request.headers,
        session: request.headers.has("authorization") ? null : await deps.getSession(request),
      });
      return await run(createCaller(ctx), ctx);
    } catch (error) {
      return toErrorResponse(error);
    }
  }

  async function send(request: Request, pathBookingId: string | null): Promise<Response> {
    return handle(request, async (caller) => {
      const { fields, cleanup } = await readRequestFields(request);
      try {
        if (pathBookingId !== null) {
          const inBody = fields.booking_id ?? fields.bookingId;
          if (inBody !== undefined && String(inBody) !== pathBookingId) {
            throw apiError("VALIDATION_FAILED", "booking_id in the body does not match the booking in the path", [
              { field: "booking_id", message: "does not match the path" },
            ]);
          }
          fields.booking_id = pathBookingId;
          delete fields.bookingId;
        }
        const idempotencyKey = request.headers.get("idempotency-key");
        if (idempotencyKey !== null) fields.idempotency_key = idempotencyKey;
        const input = restSendMessageBody.parse(fields);
        return sentResponse(await caller.messages.send(input));
      } finally {
        await cleanup();
      }
    });
  }

  return {
    /** GET /api/ws/messages */
    listThreads(request: Request): Promise<Response> {
      return handle(request, async (caller) => {
        const query = new URL(request.url).searchParams;
        const data = await caller.messages.list({
          limit: param(query, "limit"),
          cursor: param(query, "cursor"),
          unread: param(query, "unread"),
          status: param(query, "status")?.toLowerCase(),
          q: param(query, "q") ?? param(query, "search"),
        } as Parameters<Caller["messages"]["list"]>[0]);
        return Response.json(data);
      });
    },

    /** GET /api/ws/messages/thread?id=<booking_id> and GET /api/ws/messages/thread/:booking_id */
    getThread(request: Request, pathBookingId: string | null = null): Promise<Response> {
      return handle(request, async (caller) => {
        const query = new URL(request.url).searchParams;
        const bookingId = pathBookingId ?? param(query, "id") ?? param(query, "booking_id");
        if (bookingId === undefined) {
          throw apiError("VALIDATION_FAILED", "Query parameter id (the booking id) is required: /api/ws/messages/thread?id=<booking_id>", [
            { field: "id", message: "required" },
          ]);
        }
        const data = await caller.messages.thread({
          booking_id: bookingId,
          limit: param(query, "limit"),
          cursor: param(query, "cursor"),
        } as Parameters<Caller["messages"]["thread"]>[0]);
        return Response.json(data);
      });
    },

    /** POST /api/ws/messages (booking_id in the body) */
    sendMessage: (request: Request) => send(request, null),

    /** POST /api/ws/messages/thread/:booking_id/send */
    sendMessageToThread: (request: Request, bookingId: string) => send(request, bookingId),

    /** GET /api/ws/messages/attachments/:attachment_id — the bytes, for the owning workshop only. */
    downloadAttachment(request: Request, attachmentId: string): Promise<Response> {
      return handle(request, async (_caller, ctx) => {
        if (!ctx.auth)
          return errorResponse(
            "UNAUTHORIZED",
            ctx.authFailure === "invalid" ? "The access token is invalid, expired or revoked" : "Authentication required",
          );
        const file = await openAttachment({ db: ctx.db, storage: ctx.storage, workshopId: ctx.auth.workshopId }, attachmentId);
        const inline = file.contentType.startsWith("image/") || file.contentType === "application/pdf";
        return new Response(Readable.toWeb(file.body) as ReadableStream, {
          headers: {
            "Content-Type": file.contentType === "text/plain" ? "text/plain; charset=utf-8" : file.contentType,
            "Content-Length": String(file.size),
            "Content-Disposition": `${inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
            "Cache-Control": "private, max-age=31536000, immutable",
            ETag: `"${file.checksum}"`,
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
          },
        });
      });
    },
  };
}

function sentResponse(result: SendMessageResultDto): Response {
  const body = { success: true, message: "Message sent", data: result.message };
  return result.replayed
    ? Response.json(body, { status: 200, headers: { "Idempotent-Replayed": "true" } })
    : Response.json(body, { status: 201 });
}

function param(query: URLSearchParams, name: string): string | undefined {
  const value = query.get(name);
  return value === null || value.trim() === "" ? undefined : value;
}

/** Answers for methods a route does not have, in the contract's error shape. */
export function methodNotAllowed(allowed: string[]): Response {
  return errorResponse("METHOD_NOT_ALLOWED", `Use ${allowed.join(" or ")} on this endpoint`, undefined, { Allow: allowed.join(", ") });
}
