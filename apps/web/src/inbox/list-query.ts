import type { BookingStatus } from "@minbil/contracts/dto";

export const THREAD_PAGE_SIZE = 20;
export const MESSAGE_PAGE_SIZE = 30;

export interface ListFilters {
  unread: boolean;
  status: BookingStatus | "";
  q: string;
}

export const NO_FILTERS: ListFilters = { unread: false, status: "", q: "" };

/** The inbox list input for some filters; the unfiltered one is what the server prefetches. */
export function listInput(filters: ListFilters) {
  return {
    limit: THREAD_PAGE_SIZE,
    ...(filters.unread ? { unread: true } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
  };
}

export function threadInput(bookingId: number) {
  return { booking_id: bookingId, limit: MESSAGE_PAGE_SIZE };
}

export const nextCursor = (page: { meta: { next_cursor: string | null } }) => page.meta.next_cursor ?? undefined;
