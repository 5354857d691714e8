import { z } from "zod";
import { staffIdSchema } from "./ids.schema";

/** How many threads are in each state (for the inbox's filters), optionally of one assignee or of nobody. */
export const stateCountsInput = z
  .object({
    assignee: staffIdSchema("assignee", " or none").optional(),
  })
  .optional();

export const stateCountsDto = z.object({
  open: z.number().int().nonnegative(),
  waiting: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  snoozed: z.number().int().nonnegative(),
});
export type StateCountsDto = z.infer<typeof stateCountsDto>;
