import { z } from "zod";
import { PAGE_SIZE } from "../limits";

const LIMIT_MESSAGE = `limit must be a whole number from 1 to ${PAGE_SIZE.max}`;

/** Page size: default 20; larger values are clamped to 100 rather than refused. */
export const pageLimitSchema = z
  .union([z.number(), z.string().trim().regex(/^\d+$/).transform(Number)], { error: LIMIT_MESSAGE })
  .pipe(z.number().int({ error: LIMIT_MESSAGE }).positive({ error: LIMIT_MESSAGE }))
  .transform((value) => Math.min(value, PAGE_SIZE.max))
  .default(PAGE_SIZE.default)
  .meta({
    description: `Page size: a whole number, default ${PAGE_SIZE.default}; values over ${PAGE_SIZE.max} are taken as ${PAGE_SIZE.max}`,
    example: PAGE_SIZE.default,
  });
