import { z } from "zod";
import { messageDto } from "../dto";
import { sendMessageInput } from "../messages/send-message.schema";

/** Names partner systems use for each field of a send; the first is ours. */
export const SEND_FIELD_ALIASES = {
  booking_id: ["booking_id", "bookingId"],
  body: ["body", "message", "content", "text"],
  sender_type: ["sender_type", "senderType"],
  visibility: ["visibility"],
  state: ["state"],
  template_id: ["template_id", "templateId"],
  language: ["language"],
  estimate: ["estimate"],
} as const;

/** Field names files may come under (multipart). */
export const FILE_FIELD_NAMES = ["attachments", "attachments[]", "files", "files[]", "file"] as const;

/**
 * The body of a REST send, with the aliases partner systems use: `message`, `content` or `text` for
 * `body`, `bookingId` for `booking_id`; files under `attachments`, `attachments[]`, `files` or `file`.
 * Two names of one field with different values are refused (422), never resolved by picking one.
 * Normalised, then validated by the same schema as the typed procedure.
 */
export const restSendMessageBody = z
  .record(z.string(), z.unknown(), { error: "The request body must be a JSON object" })
  .transform((raw, ctx): Record<string, unknown> => {
    const pick = (field: keyof typeof SEND_FIELD_ALIASES) => {
      const given = SEND_FIELD_ALIASES[field].filter((key) => raw[key] !== undefined && raw[key] !== null);
      // 42 and "42" are one value: forms send text, JSON may send numbers.
      const values = new Set(given.map((key) => (typeof raw[key] === "object" ? JSON.stringify(raw[key]) : String(raw[key]).trim())));
      if (values.size > 1) {
        ctx.addIssue({ code: "custom", path: [field], message: `${given.join(" and ")} were both given, with different values: send one` });
        return z.NEVER;
      }
      return given[0] === undefined ? undefined : raw[given[0]];
    };
    const files = FILE_FIELD_NAMES.flatMap((key) => {
      const value = raw[key];
      return value === undefined ? [] : Array.isArray(value) ? value : [value];
    });
    return {
      booking_id: pick("booking_id"),
      body: pick("body"),
      sender_type: pick("sender_type"),
      visibility: pick("visibility"),
      state: pick("state"),
      template_id: pick("template_id"),
      language: pick("language"),
      estimate: jsonField(pick("estimate"), "estimate", ctx),
      attachments: files,
      idempotency_key: raw.idempotency_key,
    };
  })
  .pipe(sendMessageInput);

/** A structured field: an object in JSON; in a multipart form, its JSON text. */
function jsonField(value: unknown, field: string, ctx: z.RefinementCtx): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    ctx.addIssue({ code: "custom", path: [field], message: `${field} must be a JSON object (in a form: its JSON text)` });
    return z.NEVER;
  }
}

/**
 * What a REST send body may hold, as the API document shows it: the fields of `sendMessageInput` under
 * every name REST accepts, derived from SEND_FIELD_ALIASES and FILE_FIELD_NAMES (so it cannot disagree
 * with them). It only describes the body: `restSendMessageBody` above is what validates it.
 */
export function restSendMessageFields(options: { bookingIdInPath: boolean; files: boolean }) {
  const fields = sendMessageInput.shape;
  const shape: Record<string, z.ZodType> = {};
  for (const [field, names] of Object.entries(SEND_FIELD_ALIASES) as [keyof typeof SEND_FIELD_ALIASES, readonly string[]][]) {
    const [name, ...aliases] = names as [string, ...string[]];
    const schema = fields[field];
    shape[name] =
      field === "booking_id" && options.bookingIdInPath
        ? schema.optional().meta({ description: "Optional here (the booking is the path's); when given, it must be the same" })
        : schema;
    for (const alias of aliases) shape[alias] = schema.optional().meta({ description: `Another name for \`${name}\`` });
  }
  if (options.files) {
    const [name, ...aliases] = FILE_FIELD_NAMES;
    shape[name] = fields.attachments;
    for (const alias of aliases) shape[alias] = fields.attachments.optional().meta({ description: `Another name for \`${name}\`` });
  }
  shape.idempotency_key = fields.idempotency_key.meta({
    description: "The Idempotency-Key header's value, for clients that cannot set headers (the header wins)",
  });
  return z.object(shape);
}

/** The answer to a REST send: 201 for a new message, 200 for a replayed Idempotency-Key. */
export const restSentMessageBody = z
  .object({
    success: z.literal(true),
    message: z.literal("Message sent"),
    data: messageDto,
  })
  .meta({ id: "SentMessage" });
export type RestSentMessageBody = z.infer<typeof restSentMessageBody>;
