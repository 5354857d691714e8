import { z } from "zod";
import { bookingStatusSchema } from "../dto";
import { cursorSchema } from "./ids.schema";
import { pageLimitSchema } from "./page-limit.schema";
import { storableText } from "./text.schema";

const booleanFlag = z
  .union([z.boolean(), z.enum(["true", "false", "1", "0"]).transform((value) => value === "true" || value === "1")])
  .optional();

/** Inbox list: newest activity first, keyset-paginated, with optional filters. */
export const listThreadsInput = z.object({
  limit: pageLimitSchema,
  cursor: cursorSchema,
  /** Only threads with unread customer messages. */
  unread: booleanFlag,
  /** Only bookings in this status. */
  status: bookingStatusSchema.optional(),
  /** Matches customer name, vehicle registration number or booking reference (case-insensitive). */
  q: storableText("q").trim().max(100, { error: "q must be at most 100 characters" }).optional(),
});
export type ListThreadsInput = z.input<typeof listThreadsInput>;
