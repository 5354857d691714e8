import { z } from "zod";
import { bookingIdSchema, cursorSchema } from "./ids.schema";
import { pageLimitSchema } from "./page-limit.schema";

/** One booking's thread: the newest `limit` messages, oldest first; `cursor` pages back to older ones. */
export const getThreadInput = z.object({
  booking_id: bookingIdSchema,
  limit: pageLimitSchema,
  cursor: cursorSchema,
});
export type GetThreadInput = z.input<typeof getThreadInput>;
