import type { BookingStatus, ThreadState } from "@minbil/contracts/dto";

export const THREAD_PAGE_SIZE = 20;
export const MESSAGE_PAGE_SIZE = 30;

/** Whose threads: everyone's, the signed-in staff member's, or nobody's yet. */
export type ListView = "all" | "mine" | "unassigned";

export interface ListFilters {
  view: ListView;
  /** "" : every state. */
  state: ThreadState | "";
  unread: boolean;
  status: BookingStatus | "";
  q: string;
}

/** The list as the inbox opens: everyone's open threads. */
export const NO_FILTERS: ListFilters = { view: "all", state: "open", unread: false, status: "", q: "" };

/** The `assignee` filter of a view (`mine` needs the signed-in user's id). */
export function assigneeOf(view: ListView, myId: string | undefined): string | undefined {
  return view === "mine" ? (myId ?? "none") : view === "unassigned" ? "none" : undefined;
}

/** The inbox list input for some filters; the default one is what the server prefetches. */
export function listInput(filters: ListFilters, myId?: string) {
  const assignee = assigneeOf(filters.view, myId);
  return {
    limit: THREAD_PAGE_SIZE,
    ...(filters.state ? { state: filters.state } : {}),
    ...(assignee ? { assignee } : {}),
    ...(filters.unread ? { unread: true } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
  };
}

/** The per-state counts shown on the state tabs, for the view's assignee. */
export function stateCountsInput(view: ListView, myId?: string) {
  const assignee = assigneeOf(view, myId);
  return assignee ? { assignee } : undefined;
}

export function threadInput(bookingId: number) {
  return { booking_id: bookingId, limit: MESSAGE_PAGE_SIZE };
}

export const nextCursor = (page: { meta: { next_cursor: string | null } }) => page.meta.next_cursor ?? undefined;
