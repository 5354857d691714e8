import { z } from "zod";
import { threadDetailDto, threadListDto, threadSummaryDto } from "@minbil/contracts/dto";
import { ALLOWED_ATTACHMENT_TYPES, ATTACHMENT_LIMITS, MESSAGE_BODY_MAX_CHARS } from "@minbil/contracts/limits";
import { getThreadInput } from "@minbil/contracts/messages/get-thread.schema";
import { listThreadsInput } from "@minbil/contracts/messages/list-threads.schema";
import { idempotencyKeySchema } from "@minbil/contracts/messages/send-message.schema";
import { restSendMessageFields, restSentMessageBody } from "@minbil/contracts/rest/send-message-body.schema";
import { updateThreadFields } from "@minbil/contracts/messages/update-thread.schema";
import { defineOperation } from "./operation";

// The messages API (/api/ws/messages): routes in ../messages.routes.ts.

const MB = 1024 * 1024;
const TAG = "Messages";

export const listThreadsOperation = defineOperation({
  id: "listThreads",
  method: "GET",
  path: "/api/ws/messages",
  tag: TAG,
  summary: "List inbox threads",
  description:
    "The workshop's inbox: one thread per booking, newest activity first, keyset-paginated (`meta.next_cursor`). Filters combine.",
  auth: "bearer",
  request: {
    query: listThreadsInput.extend({
      search: listThreadsInput.shape.q.meta({ description: "Another name for `q`" }),
    }),
  },
  responses: {
    200: { description: "A page of threads", content: { "application/json": { schema: threadListDto } } },
  },
  errors: ["VALIDATION_FAILED"],
});

const threadQuery = getThreadInput.omit({ booking_id: true });
const threadDescription =
  "One booking's thread: the booking, the customer, and the newest `limit` messages, oldest first; `cursor` pages back to older ones. A booking of another workshop answers 404, like an unknown one.";

export const getThreadByQueryOperation = defineOperation({
  id: "getThreadByQuery",
  method: "GET",
  path: "/api/ws/messages/thread",
  tag: TAG,
  summary: "Get a thread (booking id in the query)",
  description: `${threadDescription} The same as \`GET /api/ws/messages/thread/{booking_id}\`.`,
  auth: "bearer",
  request: {
    query: threadQuery.extend({
      id: getThreadInput.shape.booking_id.meta({ description: "The booking's id (`booking_id=` is taken too)" }),
    }),
  },
  responses: {
    200: { description: "The thread", content: { "application/json": { schema: threadDetailDto } } },
  },
  errors: ["NOT_FOUND", "VALIDATION_FAILED"],
});

export const getThreadOperation = defineOperation({
  id: "getThread",
  method: "GET",
  path: "/api/ws/messages/thread/{booking_id}",
  tag: TAG,
  summary: "Get a thread",
  description: threadDescription,
  auth: "bearer",
  request: { path: getThreadInput.pick({ booking_id: true }), query: threadQuery },
  responses: {
    200: { description: "The thread", content: { "application/json": { schema: threadDetailDto } } },
  },
  errors: ["BAD_REQUEST", "NOT_FOUND", "VALIDATION_FAILED"],
});

const sendDescription = [
  "JSON, `multipart/form-data` (with files) or a URL-encoded form, uncompressed, in UTF-8. The text is `body`",
  "(`message`, `content` and `text` are other names for it); two names of one field with different values are refused.",
  `A message needs a non-blank body (at most ${MESSAGE_BODY_MAX_CHARS} characters), a \`template_id\` or at least one file.`,
  "With `template_id` (and `language`, `nb` by default) and no body, the template's text is sent with the booking's values",
  "filled in; a template that sets a booking status sets it in the same step (an unknown template is 404, one that fills in",
  "to blank text 400).",
  `Files: at most ${ATTACHMENT_LIMITS.maxFiles}, ${ATTACHMENT_LIMITS.maxFileBytes / MB} MB each, ${ATTACHMENT_LIMITS.maxRequestBytes / MB} MB per request;`,
  "JPEG, PNG, WebP, HEIC, PDF and plain text, checked against the bytes.",
  "The token (and a booking in the path) are checked before the body is read. With `Idempotency-Key`, a retry answers 200",
  "with `Idempotent-Replayed: true` and the first message, and stores nothing.",
].join(" ");

/** The three forms a send body may take; `bookingIdInPath`: the booking is the path's. */
function sendBody(bookingIdInPath: boolean) {
  const example = { ...(bookingIdInPath ? {} : { booking_id: 1 }), body: "Bilen er klar til henting." };
  return {
    required: true,
    content: {
      "application/json": {
        schema: restSendMessageFields({ bookingIdInPath, files: false }),
        examples: {
          text: { summary: "A text message", value: example },
          template: {
            summary: "With a template (fills in the booking, may set its status)",
            value: { ...(bookingIdInPath ? {} : { booking_id: 1 }), template_id: 1, language: "nb" },
          },
          relayed: {
            summary: "What a customer wrote, relayed",
            value: { ...example, body: "Når kan jeg hente bilen?", sender_type: "customer" },
          },
        },
      },
      "multipart/form-data": {
        schema: restSendMessageFields({ bookingIdInPath, files: true }),
        encoding: { attachments: { contentType: ALLOWED_ATTACHMENT_TYPES.join(", ") } },
      },
      "application/x-www-form-urlencoded": { schema: restSendMessageFields({ bookingIdInPath, files: false }) },
    },
  };
}

const idempotencyHeader = z.object({ "Idempotency-Key": idempotencyKeySchema.optional() });
const sendResponses = {
  201: { description: "Sent: the new message", content: { "application/json": { schema: restSentMessageBody } } },
  200: {
    description: "A retry with the same `Idempotency-Key` and request: the first message; nothing new was stored",
    content: { "application/json": { schema: restSentMessageBody } },
    headers: ["Idempotent-Replayed" as const],
  },
};
const sendErrors = [
  "BAD_REQUEST",
  "FORBIDDEN",
  "NOT_FOUND",
  "REQUEST_TIMEOUT",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "VALIDATION_FAILED",
  "IDEMPOTENCY_KEY_REUSED",
] as const;

export const sendMessageOperation = defineOperation({
  id: "sendMessage",
  rateLimit: "send",
  method: "POST",
  path: "/api/ws/messages",
  tag: TAG,
  summary: "Send a message (booking id in the body)",
  description: sendDescription,
  auth: "bearer",
  request: { headers: idempotencyHeader, body: sendBody(false) },
  responses: sendResponses,
  errors: [...sendErrors],
});

export const sendToThreadOperation = defineOperation({
  id: "sendToThread",
  rateLimit: "send",
  method: "POST",
  path: "/api/ws/messages/thread/{booking_id}/send",
  tag: TAG,
  summary: "Send a message to a thread",
  description: `${sendDescription} A booking id in the body, when given, must be the path's.`,
  auth: "bearer",
  request: { path: getThreadInput.pick({ booking_id: true }), headers: idempotencyHeader, body: sendBody(true) },
  responses: sendResponses,
  errors: [...sendErrors],
});

export const updateThreadOperation = defineOperation({
  id: "updateThread",
  method: "PATCH",
  path: "/api/ws/messages/thread/{booking_id}",
  tag: TAG,
  summary: "Change a thread's state, assignee or booking status",
  description: [
    "Any of `state` (`open`: the workshop must act; `waiting`: on the customer; `done`; `snoozed`, with `snoozed_until`,",
    "reopened by the server at that time), `assignee_id` (a staff member's id from `GET /api/ws/staff`, or null for nobody)",
    "and `booking_status` (also written as a line in the thread). A customer message reopens a waiting, done or snoozed thread.",
    "Each change is an event: `thread.state_changed`, `thread.assigned`, `booking.status_changed`. JSON or a URL-encoded form.",
  ].join(" "),
  auth: "bearer",
  request: {
    path: getThreadInput.pick({ booking_id: true }),
    body: {
      required: true,
      content: {
        "application/json": {
          schema: updateThreadFields.omit({ booking_id: true }),
          examples: {
            done: { summary: "Mark done", value: { state: "done" } },
            snooze: { summary: "Snooze until a time", value: { state: "snoozed", snoozed_until: "2026-11-27T07:00:00Z" } },
            assign: { summary: "Assign", value: { assignee_id: "usr_per" } },
            ready: { summary: "The car is ready", value: { booking_status: "ready_for_pickup" } },
          },
        },
        "application/x-www-form-urlencoded": { schema: updateThreadFields.omit({ booking_id: true }) },
      },
    },
  },
  responses: {
    200: {
      description: "The thread as the inbox lists it, after the change",
      content: { "application/json": { schema: z.object({ success: z.literal(true), data: threadSummaryDto }) } },
    },
  },
  errors: ["BAD_REQUEST", "NOT_FOUND", "REQUEST_TIMEOUT", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE", "VALIDATION_FAILED"],
});

const binary = { type: "string", format: "binary" } as const;

export const downloadAttachmentOperation = defineOperation({
  id: "downloadAttachment",
  method: "GET",
  path: "/api/ws/messages/attachments/{attachment_id}",
  tag: "Attachments",
  summary: "Download an attachment",
  description:
    "The file's bytes (an attachment's `url`, relative to the base URL), to its own workshop only; another workshop's attachment answers 404, like an unknown one.",
  auth: "bearer",
  request: {
    path: z.object({ attachment_id: z.string().meta({ description: "An attachment's `id`", example: "att_01JD6Y3Q" }) }),
  },
  responses: {
    200: {
      description: "The file",
      content: Object.fromEntries(ALLOWED_ATTACHMENT_TYPES.map((type) => [type, { schema: binary }])),
      headers: ["Content-Length", "Content-Disposition", "Cache-Control", "ETag"],
    },
  },
  errors: ["BAD_REQUEST", "NOT_FOUND"],
});
