import { z } from "zod";
import { bookingStatusSchema } from "../dto";
import { cursorSchema } from "./ids.schema";
import { pageLimitSchema } from "./page-limit.schema";
import { storableText } from "./text.schema";

const booleanFlag = z.union([z.boolean(), z.enum(["true", "false", "1", "0"]).transform((value) => value === "true" || value === "1")]);

/** Inbox list: newest activity first, keyset-paginated, with optional filters. */
export const listThreadsInput = z.object({
  limit: pageLimitSchema,
  cursor: cursorSchema,
  /** Only threads with unread customer messages. */
  unread: booleanFlag.meta({ description: "Only threads with unread customer messages (`true` or `1`)", example: "true" }).optional(),
  /** Only bookings in this status. */
  status: bookingStatusSchema.meta({ description: "Only bookings in this status" }).optional(),
  /** Matches customer name, vehicle registration number or booking reference (case-insensitive). */
  q: storableText("q")
    .trim()
    .max(100, { error: "q must be at most 100 characters" })
    .meta({
      description:
        "Search: customer name, vehicle registration number (with or without spaces) or booking reference, case-insensitive; `%` and `_` match themselves",
      example: "EV 12345",
    })
    .optional(),
});
export type ListThreadsInput = z.input<typeof listThreadsInput>;
