import { z } from "zod";
import { fieldError } from "../errors";

// Keyset pagination: a cursor is the sort key of the last row of a page, opaque to clients
// (base64url JSON), so the next page is one indexed range read however deep it is. Decoded cursors are
// validated against the column types (a forged one with an id past 2^31-1 must not reach the database).

/**
 * A timestamp in a cursor: ISO 8601 in years 1 to 9999, the range PostgreSQL's timestamp and
 * JavaScript's Date share (a forged year 0 would otherwise reach the database and fail there).
 */
export const cursorTime = z.iso.datetime().refine((value) => {
  const year = new Date(value).getUTCFullYear();
  return year >= 1 && year <= 9999;
});

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

export function decodeCursor<T extends z.ZodType>(cursor: string, shape: T): z.output<T> {
  try {
    return shape.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw fieldError("cursor", "cursor is not valid: pass meta.next_cursor from the previous page");
  }
}
