import { z } from "zod";
import { bookingStatusSchema, threadStateSchema } from "../dto";
import { bookingIdSchema, staffIdSchema } from "./ids.schema";

/** How far ahead a snooze may reach: a year (a later time is a typing mistake, not a plan). */
export const MAX_SNOOZE_MS = 366 * 24 * 3_600_000;

/**
 * Changes a thread: its state (a snooze needs `snoozed_until`, a time in the future), who handles it
 * (`assignee_id`, null for nobody), and the booking's status (written as a line in the thread).
 */
export const updateThreadFields = z.object({
  booking_id: bookingIdSchema,
  state: threadStateSchema.optional(),
  snoozed_until: z.iso
    .datetime({ offset: true, error: "snoozed_until must be an ISO 8601 time, e.g. 2026-11-27T08:00:00Z" })
    .transform((value) => new Date(value).toISOString())
    .optional()
    .meta({ description: "With state `snoozed`: when the thread opens again (in the future)", example: "2026-11-27T07:00:00Z" }),
  assignee_id: staffIdSchema("assignee_id", ", or null")
    .nullable()
    .optional()
    .meta({ description: "A staff member's id (`GET /api/ws/staff`), or null: nobody" }),
  booking_status: bookingStatusSchema.optional().meta({ description: "The booking's new status (written as a line in the thread)" }),
});

export const updateThreadInput = updateThreadFields
  .refine(
    (input) =>
      input.state !== undefined ||
      input.snoozed_until !== undefined ||
      input.assignee_id !== undefined ||
      input.booking_status !== undefined,
    {
      error: "Give at least one of state, snoozed_until, assignee_id, booking_status",
      path: ["state"],
    },
  )
  .refine((input) => input.snoozed_until === undefined || input.state === undefined || input.state === "snoozed", {
    error: "snoozed_until goes with state snoozed",
    path: ["snoozed_until"],
  })
  .refine((input) => input.state !== "snoozed" || input.snoozed_until !== undefined, {
    error: "A snooze needs snoozed_until: until when",
    path: ["snoozed_until"],
  })
  .refine((input) => input.snoozed_until === undefined || Date.parse(input.snoozed_until) > Date.now(), {
    error: "snoozed_until must be in the future",
    path: ["snoozed_until"],
  })
  .refine((input) => input.snoozed_until === undefined || Date.parse(input.snoozed_until) <= Date.now() + MAX_SNOOZE_MS, {
    error: "snoozed_until must be within a year from now",
    path: ["snoozed_until"],
  });
export type UpdateThreadInput = z.input<typeof updateThreadInput>;
