import { z } from "zod";
import { sendMessageInput } from "../messages/send-message.schema";

/** Names partner systems use for each field of a send; the first is ours. */
export const SEND_FIELD_ALIASES = {
  booking_id: ["booking_id", "bookingId"],
  body: ["body", "message", "content", "text"],
  sender_type: ["sender_type", "senderType"],
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
      attachments: files,
      idempotency_key: raw.idempotency_key,
    };
  })
  .pipe(sendMessageInput);
