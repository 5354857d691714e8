// The fixed value lists of the API, without zod: the browser imports these (a select's options, a
// filter's tabs) without loading a schema library; dto.ts builds its schemas from the same lists.

export const BOOKING_STATUSES = ["pending", "confirmed", "in_progress", "ready_for_pickup", "completed", "cancelled"] as const;
export type BookingStatusValue = (typeof BOOKING_STATUSES)[number];

export const THREAD_STATES = ["open", "waiting", "done", "snoozed"] as const;
export type ThreadStateValue = (typeof THREAD_STATES)[number];
