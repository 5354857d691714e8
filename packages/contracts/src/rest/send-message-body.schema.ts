import { z } from "zod";
import { sendMessageInput } from "../messages/send-message.schema";

/**
 * The body of a REST send, with the aliases partner systems use: `message`, `content` or `text` for
 * `body`, and `bookingId` for `booking_id`; files under `attachments`, `attachments[]`, `files` or
 * `file`. Normalised, then validated by the same schema as the typed procedure.
 */
export const restSendMessageBody = z
  .record(z.string(), z.unknown(), { error: "The request body must be a JSON object" })
  .transform((raw): Record<string, unknown> => {
    const pick = (...keys: string[]) => keys.map((key) => raw[key]).find((value) => value !== undefined && value !== null);
    const files = ["attachments", "attachments[]", "files", "file"].flatMap((key) => {
      const value = raw[key];
      return value === undefined ? [] : Array.isArray(value) ? value : [value];
    });
    return {
      booking_id: pick("booking_id", "bookingId"),
      body: pick("body", "message", "content", "text"),
      sender_type: pick("sender_type", "senderType"),
      attachments: files,
      idempotency_key: raw.idempotency_key,
    };
  })
  .pipe(sendMessageInput);
