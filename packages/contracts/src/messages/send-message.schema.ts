import { z } from "zod";
import { estimateInput } from "../estimates/estimate.schema";
import { senderTypeSchema, visibilitySchema } from "../dto";
import { ATTACHMENT_LIMITS, IDEMPOTENCY_KEY_MAX_LENGTH, IDEMPOTENCY_KEY_TTL_MS, MESSAGE_BODY_MAX_CHARS } from "../limits";
import { bookingIdSchema } from "./ids.schema";
import { storableText } from "./text.schema";
import { templateIdSchema, templateLanguageSchema } from "../templates/template.schema";

const MB = 1024 * 1024;
/** Marks a size issue: the API answers it with 413, as it does for a body cut off while streaming. */
export const TOO_LARGE = { status: 413 } as const;

export const idempotencyKeySchema = z
  .string({ error: "Idempotency-Key must be text" })
  .trim()
  .regex(/^[\x20-\x7e]*$/, { error: "Idempotency-Key may only contain printable ASCII characters" })
  .min(1, { error: "Idempotency-Key must not be empty" })
  .max(IDEMPOTENCY_KEY_MAX_LENGTH, { error: `Idempotency-Key must be at most ${IDEMPOTENCY_KEY_MAX_LENGTH} characters` })
  .meta({
    description: `Makes a send safe to retry for ${IDEMPOTENCY_KEY_TTL_MS / 3_600_000} hours: a retry with the same key and request answers 200 with the first message and stores nothing; the same key with a different request is refused (422 IDEMPOTENCY_KEY_REUSED)`,
    example: "6b1f0c1e-order-4711",
  });

/** A file of a message: any `File` (web standard); its type is checked later against its bytes. */
export const attachmentFileSchema = z
  .file({ error: "attachments must be files" })
  .refine((file) => file.size <= ATTACHMENT_LIMITS.maxFileBytes, {
    error: `each file must be at most ${ATTACHMENT_LIMITS.maxFileBytes / MB} MB`,
    params: TOO_LARGE,
  })
  .refine((file) => file.size > 0, { error: "files must not be empty" })
  .meta({
    description: `JPEG, PNG, WebP or HEIC image, PDF or plain text (checked against the bytes), at most ${ATTACHMENT_LIMITS.maxFileBytes / MB} MB`,
  });

/** Send a message to a booking's thread: a non-blank body, at least one file, or both (or a template, whose text is the body). */
export const sendMessageInput = z
  .object({
    booking_id: bookingIdSchema,
    body: storableText("body")
      .max(MESSAGE_BODY_MAX_CHARS, { error: `body must be at most ${MESSAGE_BODY_MAX_CHARS} characters` })
      .transform((body) => body.trim())
      .default("")
      .meta({ description: "The message text, trimmed; may be blank when the message has files", example: "Bilen er klar til henting." }),
    /**
     * Who the message is from. Partner systems that relay what a customer wrote send "customer";
     * the default is "workshop". Signed-in staff always send as the workshop.
     */
    sender_type: senderTypeSchema.default("workshop").meta({
      description:
        "`workshop` (default); `customer` for what a customer wrote, relayed by a partner system (counts as unread); `system` for automatic notices",
    }),
    attachments: z
      .array(attachmentFileSchema)
      .max(ATTACHMENT_LIMITS.maxFiles, { error: `at most ${ATTACHMENT_LIMITS.maxFiles} files per message` })
      .refine((files) => files.reduce((sum, file) => sum + file.size, 0) <= ATTACHMENT_LIMITS.maxRequestBytes, {
        error: `files may add up to at most ${ATTACHMENT_LIMITS.maxRequestBytes / MB} MB per message`,
        params: TOO_LARGE,
      })
      .default([])
      .meta({
        description: `At most ${ATTACHMENT_LIMITS.maxFiles} files, ${ATTACHMENT_LIMITS.maxRequestBytes / MB} MB together`,
      }),
    /** "internal": a note for the workshop only (never shown to the customer). */
    visibility: visibilitySchema.default("customer"),
    /** Moves the thread to this state in the same step ("send and mark done"). */
    state: z
      .enum(["open", "waiting", "done"], { error: "state must be open, waiting or done" })
      .optional()
      .meta({ description: "Moves the thread to this state in the same step (e.g. `done`: send and mark done)" }),
    /**
     * Sends with a message template: without `body` the template's text is sent, filled in from the
     * booking; with `body` that text is sent (the staff's edit of it). Either way the template's
     * booking status, if it has one, is set in the same step.
     */
    template_id: templateIdSchema.optional().meta({
      description:
        "A message template (`GET /api/ws/templates`). Without `body` its text is sent, with the booking's values filled in; with `body`, `body` is sent. If the template sets a booking status, the booking gets it in the same step (a `booking.status_changed` event and a status line).",
    }),
    /** The template's language; only with template_id. */
    language: templateLanguageSchema.optional(),
    /** An estimate for the customer to decide line by line; the body is its note. */
    estimate: estimateInput.optional().meta({
      description:
        "Sends an estimate: lines the customer approves or declines one by one on their page (or a partner records with `POST …/estimates/{estimate_id}/decision`). `body` is its note; a line's `photo_index` names one of the message's image files.",
    }),
    /** Makes retries safe: the same key and request within 24 h returns the first message. */
    idempotency_key: idempotencyKeySchema.optional(),
  })
  .refine((input) => !(input.visibility === "internal" && input.sender_type === "customer"), {
    error: "A customer's message cannot be an internal note: send it with visibility customer",
    path: ["visibility"],
  })
  .refine((input) => !(input.template_id !== undefined && input.sender_type === "customer"), {
    error: "template_id is for the workshop's own messages, not a customer's",
    path: ["template_id"],
  })
  .refine((input) => input.estimate === undefined || (input.sender_type === "workshop" && input.visibility === "customer"), {
    error: "An estimate is the workshop's message to the customer: send it with sender_type workshop and visibility customer",
    path: ["estimate"],
  })
  .refine(
    (input) =>
      input.estimate === undefined ||
      input.estimate.lines.every((line) => line.photo_index === undefined || line.photo_index < input.attachments.length),
    { error: "photo_index must name one of the message's files", path: ["estimate", "lines"] },
  )
  .refine((input) => input.language === undefined || input.template_id !== undefined, {
    error: "language goes with template_id",
    path: ["language"],
  })
  .refine(
    (input) => input.body.length > 0 || input.attachments.length > 0 || input.template_id !== undefined || input.estimate !== undefined,
    {
      error: "A message needs a non-blank body or at least one file",
      path: ["body"],
    },
  );
export type SendMessageInput = z.input<typeof sendMessageInput>;
/** What the send handler takes: the validated input (visibility may be left out by server-side callers). */
export type SendMessageCommand = Omit<z.output<typeof sendMessageInput>, "visibility"> & {
  visibility?: z.output<typeof sendMessageInput>["visibility"];
};
