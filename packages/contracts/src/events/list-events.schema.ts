import { z } from "zod";
import { workshopEventDto } from "./event.schema";

const MAX_INT4 = 2_147_483_647;
const wholeNumber = (field: string, min: number, max: number) =>
  z
    .union([z.number(), z.string().trim().regex(/^\d+$/).transform(Number)], {
      error: `${field} must be a whole number from ${min} to ${max}`,
    })
    .pipe(
      z
        .number()
        .int({ error: `${field} must be a whole number from ${min} to ${max}` })
        .min(min, { error: `${field} must be a whole number from ${min} to ${max}` })
        .max(max, { error: `${field} must be a whole number from ${min} to ${max}` }),
    );

export const EVENT_PAGE_SIZE = { default: 100, max: 1000 } as const;
export const EVENT_WAIT_MAX_SECONDS = 30;

/** The event feed: a workshop's events after `after`, oldest first; `wait` holds the request until one exists. */
export const listEventsInput = z.object({
  /** The seq of the last event seen; without it, from the oldest event still kept. */
  after: wholeNumber("after", 0, MAX_INT4).optional(),
  limit: wholeNumber("limit", 1, EVENT_PAGE_SIZE.max).default(EVENT_PAGE_SIZE.default),
  /** Long polling: seconds to wait for an event when there is none yet (at most 30). */
  wait: wholeNumber("wait", 0, EVENT_WAIT_MAX_SECONDS).default(0),
});
export type ListEventsInput = z.input<typeof listEventsInput>;

export const eventPageDto = z.object({
  data: z.array(workshopEventDto),
  meta: z.object({
    /** Pass as `after` for the next page (the last event's seq, or `after` itself when there was none). */
    next_after: z.number().int(),
    has_more: z.boolean(),
  }),
});
export type EventPageDto = z.infer<typeof eventPageDto>;
