import { z } from "zod";
import { bookingStatusSchema, threadStateSchema } from "../dto";
import { cursorSchema, staffIdSchema } from "./ids.schema";
import { pageLimitSchema } from "./page-limit.schema";
import { storableText } from "./text.schema";

const booleanFlag = z.union([z.boolean(), z.enum(["true", "false", "1", "0"]).transform((value) => value === "true" || value === "1")], {
  error: "must be true, false, 1 or 0",
});

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
  assignee: staffIdSchema("assignee", " or none")
    .meta({ description: "Only threads assigned to this staff member (`GET /api/ws/staff` lists them), or `none` for unassigned" })
    .optional(),
  /**
   * Words (any order, each a prefix or part of a word, case-insensitive), every one of which must be in
   * the customer's name, phone or e-mail, the registration number, make or model, the booking reference,
   * or the body of one of the thread's messages (internal notes included).
   */
  q: storableText("q")
    .trim()
    .max(100, { error: "q must be at most 100 characters" })
    .meta({
      description:
        "Search words, in any order, each matched as part of a word and case-insensitive: every word must be in the customer's name, phone or e-mail, the vehicle's registration number (with or without spaces), make or model, the booking reference, or the body of one of the thread's messages (internal notes included; such a thread has `match`). `%`, `_` and `\\` match themselves",
      example: "EV 12345",
    })
    .optional(),
});
export type ListThreadsInput = z.input<typeof listThreadsInput>;
