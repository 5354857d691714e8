import { z } from "zod";
import { bookingStatusSchema, threadStateSchema } from "../dto";
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
  /** Only threads in this state. */
  state: threadStateSchema.meta({ description: "Only threads in this state" }).optional(),
  /** Only threads assigned to this staff member, or (`none`) to nobody. */
  assignee: z
    .string({ error: "assignee must be a staff member's id or none" })
    .trim()
    .min(1)
    .max(64)
    .meta({ description: "Only threads assigned to this staff member (`GET /api/ws/staff` lists them), or `none` for unassigned" })
    .optional(),
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
