import { z } from "zod";

// PostgreSQL text cannot hold the NUL character; input that contains it is refused with a clear
// message instead of failing in the database.
// eslint-disable-next-line no-control-regex
const NUL = /\u0000/;

/** A string that a text column can store. */
export function storableText(field: string) {
  return z
    .string({ error: `${field} must be text` })
    .refine((value) => !NUL.test(value), { error: `${field} must not contain NUL characters` });
}
