import { z } from "zod";

// Text a PostgreSQL text or jsonb column can hold: no NUL character, and well-formed UTF-16 (a lone
// surrogate such as "\ud800" has no UTF-8 form; the row insert would store a replacement character and
// the jsonb event payload refuses it). Every text input goes through this one schema.
// eslint-disable-next-line no-control-regex -- NUL is exactly what is refused
const NUL = /\u0000/;

/** A string a text column can store; `field` names it in messages. */
export function storableText(field: string, options: { max?: number } = {}) {
  let schema = z
    .string({ error: (issue) => (issue.code === "invalid_type" ? `${field} must be text` : undefined) })
    .refine((value) => !NUL.test(value), { error: `${field} must not contain NUL characters` })
    .refine((value) => value.isWellFormed(), { error: `${field} contains an unpaired UTF-16 surrogate (not valid Unicode text)` });
  if (options.max !== undefined) {
    const max = options.max;
    schema = schema.refine((value) => value.length <= max, { error: `${field} must be at most ${max} characters` });
  }
  return schema;
}
