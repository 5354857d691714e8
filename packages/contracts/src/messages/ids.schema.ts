import { z } from "zod";

const MAX_INT4 = 2_147_483_647;

/** A booking id: a positive whole number, given as a number or as a string of digits (paths, forms). */
export const bookingIdSchema = z
  .union([z.number(), z.string().trim().regex(/^\d+$/).transform(Number)], {
    error: (issue) => (issue.input === undefined ? "booking_id is required" : "booking_id must be a positive whole number"),
  })
  .pipe(
    z
      .number({ error: "booking_id must be a positive whole number" })
      .int()
      .positive()
      .max(MAX_INT4, { error: "booking_id is out of range" }),
  );

/** Opaque page cursor returned as meta.next_cursor. */
export const cursorSchema = z.string().trim().min(1).max(200).optional();
