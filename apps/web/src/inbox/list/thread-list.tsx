"use client";

import { useEffect, useLayoutEffect, useRef } from "react";
import Link from "next/link";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { ThreadSummaryDto } from "@minbil/contracts/dto";
import { useTRPC } from "~/trpc/react";
import { useI18n } from "~/i18n/i18n-provider";
import { errorMessage } from "~/i18n/error-message";
import { listInput, nextCursor, type ListFilters } from "./list-query";
import { useStableOrder } from "./use-stable-order";
import { ListFilterBar } from "./list-filters";
import { LockIcon } from "~/components/lock-icon";
import { SearchExcerpt } from "./search-excerpt";

export function ThreadList({
  selectedId,
  shown,
  filters,
  onFiltersChange,
  orderRef,
  searchBox,
}: {
  selectedId: number | null;
  /** Whether the list is on screen (on a phone it is hidden while a thread is open). */
  shown: boolean;
  filters: ListFilters;
  onFiltersChange: (f: ListFilters) => void;
  /** Filled with the thread ids in the order shown (for j/k). */
  orderRef: React.RefObject<number[]>;
  searchBox: React.RefObject<HTMLInputElement | null>;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const myId = useQuery(trpc.auth.me.queryOptions()).data?.user.id;

  const input = listInput(filters, myId);
  const query = useInfiniteQuery(trpc.messages.list.infiniteQueryOptions(input, { getNextPageParam: nextCursor }));
  const byId = new Map(query.data?.pages.flatMap((page) => page.data).map((thread) => [thread.booking_id, thread]));
  const { order, behind, showLatest } = useStableOrder(
    query.data ? [...byId.keys()] : undefined,
    JSON.stringify(input),
    query.data?.pages.length ?? 0,
  );
  const threads = order.map((id) => byId.get(id)).filter((thread) => thread !== undefined);
  useEffect(() => {
    orderRef.current = threads.map((thread) => thread.booking_id);
  });
  const scroller = useRef<HTMLUListElement>(null);

  // Hidden on a phone while a thread is open, the list forgets where it was scrolled to: put it back.
  const scrolledTo = useRef(0);
  useLayoutEffect(() => {
    if (shown && scroller.current) scroller.current.scrollTop = scrolledTo.current;
  }, [shown]);

  // Infinite scroll: fetch the next page when the end of the list comes into view.
  const sentinel = useRef<HTMLLIElement>(null);
  useEffect(() => {
    const element = sentinel.current;
    if (!element) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries[0]?.isIntersecting && query.hasNextPage && !query.isFetchingNextPage) void query.fetchNextPage();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [query]);

  return (
    <>
      <ListFilterBar filters={filters} onFiltersChange={onFiltersChange} myId={myId} searchBox={searchBox} />
      <div className="relative min-h-0 flex-1">
        {/* Over the list, not above it: showing it moves no row. */}
        <div aria-live="polite" className="pointer-events-none absolute inset-x-0 top-2 z-10 flex justify-center">
          {behind && (
            <button
              type="button"
              onClick={() => {
                showLatest();
                scroller.current?.scrollTo({ top: 0 });
              }}
              className="pointer-events-auto rounded-full bg-blue-700 px-3 py-1.5 text-sm font-medium text-white shadow-md hover:bg-blue-800 focus:outline-2 focus:outline-offset-2 focus:outline-blue-600"
            >
              {t.newActivity}
            </button>
          )}
        </div>
        <ul
          ref={scroller}
          onScroll={(event) => (scrolledTo.current = event.currentTarget.scrollTop)}
          className="h-full overflow-y-auto"
          aria-label={t.inbox}
          data-testid="thread-list"
        >
          {threads.map((thread) => (
            <ThreadRow key={thread.booking_id} thread={thread} selected={thread.booking_id === selectedId} q={input.q} />
          ))}
          {query.isError && !query.data && (
            <li role="alert" className="p-6 text-center text-sm text-red-800">
              {errorMessage(query.error, t)}
            </li>
          )}
          {query.isSuccess && threads.length === 0 && <li className="p-6 text-center text-sm text-slate-600">{t.noThreads}</li>}
          <li ref={sentinel} className="p-3 text-center text-xs text-slate-600" aria-hidden={!query.isFetchingNextPage}>
            {query.isFetchingNextPage ? t.loadingMore : ""}
          </li>
        </ul>
      </div>
    </>
  );
}

function ThreadRow({ thread, selected, q }: { thread: ThreadSummaryDto; selected: boolean; q?: string }) {
  const { t, format } = useI18n();
  const unread = thread.unread_count > 0;
  const last = thread.last_message;
  const preview = last ? last.body || t.attachments(last.attachment_count) : "";
  return (
    <li>
      <Link
        // A search hit in a message opens the thread at that message.
        href={thread.match ? `/inbox/${thread.booking_id}?m=${thread.match.seq}` : `/inbox/${thread.booking_id}`}
        aria-current={selected ? "page" : undefined}
        data-testid={`thread-${thread.booking_id}`}
        className={`block border-b border-slate-100 px-3 py-2.5 hover:bg-slate-50 focus:outline-2 focus:-outline-offset-2 focus:outline-blue-600 ${selected ? "bg-blue-50" : ""}`}
      >
        <div className="flex items-baseline gap-2">
          <span className={`truncate ${unread ? "font-semibold" : ""}`}>{thread.customer.name}</span>
          <span className="shrink-0 text-xs text-slate-600">{thread.booking.vehicle.registration_number}</span>
          {last && (
            <time className="ml-auto shrink-0 text-xs text-slate-600" dateTime={last.created_at}>
              {format.listTime(last.created_at)}
            </time>
          )}
        </div>
        <div className="flex items-center gap-2 text-xs text-slate-600">
          <span className="truncate">{thread.booking.service}</span>
          <span aria-hidden>·</span>
          <time className="shrink-0" dateTime={thread.booking.scheduled_at}>
            {format.dateTime(thread.booking.scheduled_at)}
          </time>
          <ThreadTags thread={thread} />
        </div>
        <div className="mt-0.5 flex items-center gap-2">
          <p className={`min-w-0 flex-1 truncate text-sm ${unread ? "text-slate-900" : "text-slate-600"}`}>
            {thread.match ? (
              <SearchExcerpt text={thread.match.excerpt} q={q ?? ""} />
            ) : last?.visibility === "internal" ? (
              <span className="inline-flex items-center gap-0.5 align-[-2px] text-amber-800">
                <LockIcon className="h-3 w-3" />
                <span className="sr-only">{t.internalNote}: </span>{" "}
              </span>
            ) : (
              last?.sender_type === "workshop" && <span className="text-slate-600">↩ </span>
            )}
            {!thread.match && preview}
          </p>
          {unread && (
            <span
              data-testid="unread-badge"
              className="shrink-0 rounded-full bg-blue-700 px-1.5 text-xs font-bold text-white"
              aria-label={t.unreadCount(thread.unread_count)}
            >
              {thread.unread_count}
            </span>
          )}
        </div>
      </Link>
    </li>
  );
}

/** Where the thread stands and who has it, when it is not plain "open, nobody's". */
function ThreadTags({ thread }: { thread: ThreadSummaryDto }) {
  const { t, format } = useI18n();
  return (
    <span className="ml-auto flex shrink-0 items-center gap-1.5">
      {thread.state !== "open" && (
        <span className="rounded bg-slate-100 px-1.5 py-0.5 text-slate-700" data-testid="thread-state">
          {thread.state === "snoozed" && thread.snoozed_until
            ? t.snoozedUntil(format.dateTime(thread.snoozed_until))
            : t.stateNames[thread.state]}
        </span>
      )}
      {thread.assignee && (
        <span
          className="max-w-24 truncate rounded bg-blue-50 px-1.5 py-0.5 text-blue-900"
          title={t.assignedTo(thread.assignee.name)}
          data-testid="thread-assignee"
        >
          <span className="sr-only">{t.assignee}: </span>
          {thread.assignee.name.split(/\s+/)[0]}
        </span>
      )}
    </span>
  );
}
