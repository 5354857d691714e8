import { z } from "zod";
import { customerSeenInput, customerViewDto } from "@minbil/contracts/customer/customer-view.schema";
import { estimateDto, estimateDecisionsInput } from "@minbil/contracts/estimates/estimate.schema";
import { ALLOWED_ATTACHMENT_TYPES, ATTACHMENT_LIMITS, MESSAGE_BODY_MAX_CHARS } from "@minbil/contracts/limits";
import { defineOperation } from "./operation";

// What the customer's page (/c/<token>) calls: the link's token is the only credential, and it opens one
// booking. Not for partners (they use the Bearer API); listed so that every route is described.
// A wrong, expired or revoked link answers the same 404. State-changing calls need the header
// `X-MinBil-CSRF: 1` (the page sends it; another site cannot). Routes in ../customer-page.routes.ts.

const TAG = "Customer page";
const token = z.string().meta({ description: "The customer link's token (the last part of `/c/<token>`)" });
const tokenPath = z.object({ token });
const MB = 1024 * 1024;

export const customerViewOperation = defineOperation({
  id: "customerView",
  method: "GET",
  path: "/api/customer/{token}",
  tag: TAG,
  summary: "The customer's page: workshop, booking and conversation",
  description: "Only reads (link previews and mail scanners may open links). Internal notes are never part of it.",
  auth: "none",
  request: {
    path: tokenPath,
    query: z.object({ before: z.coerce.number().int().min(1).optional().meta({ description: "Older messages: those before this seq" }) }),
  },
  responses: {
    200: { description: "The page's content", content: { "application/json": { schema: z.object({ data: customerViewDto }) } } },
  },
  errors: ["NOT_FOUND", "RATE_LIMITED", "VALIDATION_FAILED"],
});

export const customerSendOperation = defineOperation({
  id: "customerSend",
  method: "POST",
  path: "/api/customer/{token}/messages",
  tag: TAG,
  summary: "The customer writes in their thread",
  description: `Text (\`body\`) and photos (\`attachments\`, at most ${ATTACHMENT_LIMITS.maxFiles}, ${ATTACHMENT_LIMITS.maxFileBytes / MB} MB each, checked against their bytes). A customer message, live in the inbox and in events and webhooks.`,
  auth: "none",
  request: {
    path: tokenPath,
    body: {
      required: true,
      content: {
        "application/json": { schema: z.object({ body: z.string().max(MESSAGE_BODY_MAX_CHARS) }) },
        "multipart/form-data": {
          schema: z.object({
            body: z.string().max(MESSAGE_BODY_MAX_CHARS).optional(),
            attachments: z.array(z.string().meta({ format: "binary" })).optional(),
          }),
        },
      },
    },
  },
  responses: {
    201: {
      description: "Stored",
      content: { "application/json": { schema: z.object({ data: customerViewDto.shape.messages.element }) } },
    },
  },
  errors: [
    "BAD_REQUEST",
    "FORBIDDEN",
    "NOT_FOUND",
    "REQUEST_TIMEOUT",
    "PAYLOAD_TOO_LARGE",
    "UNSUPPORTED_MEDIA_TYPE",
    "VALIDATION_FAILED",
    "RATE_LIMITED",
  ],
});

export const customerSeenOperation = defineOperation({
  id: "customerSeen",
  method: "POST",
  path: "/api/customer/{token}/seen",
  tag: TAG,
  summary: "The page showed the messages up to `seq` to the customer",
  description: "Sent by the page's own script when it is visible to a person; moves the thread's \"seen\" mark forward, never back.",
  auth: "none",
  request: { path: tokenPath, body: { required: true, content: { "application/json": { schema: customerSeenInput } } } },
  responses: { 204: { description: "Recorded" } },
  errors: ["BAD_REQUEST", "FORBIDDEN", "NOT_FOUND", "UNSUPPORTED_MEDIA_TYPE", "VALIDATION_FAILED", "RATE_LIMITED"],
});

export const customerDecideOperation = defineOperation({
  id: "customerDecide",
  method: "POST",
  path: "/api/customer/{token}/estimates/{estimate_id}/decision",
  tag: TAG,
  summary: "The customer approves or declines lines of an estimate",
  description: "Each decision is final; an estimate past its `valid_until` answers 409.",
  auth: "none",
  request: {
    path: tokenPath.extend({ estimate_id: estimateDecisionsInput.shape.estimate_id }),
    body: { required: true, content: { "application/json": { schema: estimateDecisionsInput.omit({ estimate_id: true }) } } },
  },
  responses: {
    200: { description: "The estimate after the decisions", content: { "application/json": { schema: z.object({ data: estimateDto }) } } },
  },
  errors: ["BAD_REQUEST", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "UNSUPPORTED_MEDIA_TYPE", "VALIDATION_FAILED", "RATE_LIMITED"],
});

export const customerAttachmentOperation = defineOperation({
  id: "customerAttachment",
  method: "GET",
  path: "/api/customer/{token}/attachments/{attachment_id}",
  tag: TAG,
  summary: "A file of the customer's conversation",
  description: "Only files of messages the page shows (never of internal notes).",
  auth: "none",
  request: { path: tokenPath.extend({ attachment_id: z.string() }) },
  responses: {
    200: {
      description: "The file's bytes",
      content: Object.fromEntries(
        ALLOWED_ATTACHMENT_TYPES.map((type) => [type, { schema: { type: "string", format: "binary" } as const }]),
      ),
    },
  },
  errors: ["NOT_FOUND", "RATE_LIMITED"],
});
