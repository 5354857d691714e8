import { z } from "zod";
import { PAGE_SIZE } from "../limits";

/** Page size: default 20; larger values are clamped to 100 rather than refused. */
export const pageLimitSchema = z
  .union([z.number(), z.string().trim().regex(/^\d+$/, { error: "limit must be a positive whole number" }).transform(Number)])
  .pipe(z.number().int({ error: "limit must be a positive whole number" }).positive({ error: "limit must be a positive whole number" }))
  .transform((value) => Math.min(value, PAGE_SIZE.max))
  .default(PAGE_SIZE.default);
