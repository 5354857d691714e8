import { z } from "zod";

/** The largest value of a PostgreSQL integer column (ids, sequence numbers). */
export const MAX_INT4 = 2_147_483_647;

/** An id of an integer column: a positive whole number, given as a number or as a string of digits (paths, forms). */
export function positiveIdSchema(field: string) {
  const error = `${field} must be a positive whole number`;
  return z
    .union([z.number(), z.string().trim().regex(/^\d+$/).transform(Number)], {
      error: (issue) => (issue.input === undefined ? `${field} is required` : error),
    })
    .pipe(
      z
        .number({ error })
        .int({ error })
        .positive({ error })
        .max(MAX_INT4, { error: `${field} is out of range (at most ${MAX_INT4})` }),
    );
}

/** A booking id: a positive whole number, given as a number or as a string of digits (paths, forms). */
export const bookingIdSchema = positiveIdSchema("booking_id").meta({
  id: "BookingId",
  description: "A booking's id: a positive whole number (also accepted as a string of digits)",
  example: 1,
});

/**
 * A staff member's id as `GET /api/ws/staff` lists it (letters, digits, `_` and `-`): checked here, so
 * that text a database cannot compare (a NUL, say) is a 422 and never reaches a query.
 */
export function staffIdSchema(field: string, also = "") {
  const error = `${field} must be a staff member's id${also}`;
  return z
    .string({ error })
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, { error });
}

/** A positive value of an integer column, as found inside a page cursor. */
export const int4Id = z.number().int().min(1).max(MAX_INT4);

/** Opaque page cursor returned as meta.next_cursor. */
export const cursorSchema = z
  .string({ error: "cursor must be text" })
  .trim()
  .min(1, { error: "cursor must not be empty" })
  .max(200, { error: "cursor is not valid: pass meta.next_cursor from the previous page" })
  .meta({ description: "Opaque: `meta.next_cursor` of the previous page", example: "WzUxXQ" })
  .optional();
