"use client";

import { useEffect, useRef, useState } from "react";
import Link from "next/link";
import { useInfiniteQuery } from "@tanstack/react-query";
import type { ThreadSummaryDto } from "@minbil/contracts/dto";
import { bookingStatusSchema } from "@minbil/contracts/dto";
import { useTRPC } from "~/trpc/react";
import { useI18n } from "~/i18n/i18n-provider";
import { errorMessage } from "~/i18n/error-message";
import { listInput, nextCursor, type ListFilters } from "./list-query";
import { useStableOrder } from "./use-stable-order";

export function ThreadList({
  selectedId,
  filters,
  onFiltersChange,
}: {
  selectedId: number | null;
  filters: ListFilters;
  onFiltersChange: (f: ListFilters) => void;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const [search, setSearch] = useState(filters.q);
  useEffect(() => {
    const timer = setTimeout(() => search !== filters.q && onFiltersChange({ ...filters, q: search }), 250);
    return () => clearTimeout(timer);
  }, [search, filters, onFiltersChange]);

  const input = listInput(filters);
  const query = useInfiniteQuery(trpc.messages.list.infiniteQueryOptions(input, { getNextPageParam: nextCursor }));
  const byId = new Map(query.data?.pages.flatMap((page) => page.data).map((thread) => [thread.booking_id, thread]));
  const { order, behind, showLatest } = useStableOrder(
    query.data ? [...byId.keys()] : undefined,
    JSON.stringify(input),
    query.data?.pages.length ?? 0,
  );
  const threads = order.map((id) => byId.get(id)).filter((thread) => thread !== undefined);
  const scroller = useRef<HTMLUListElement>(null);

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
      <div className="space-y-2 border-b border-slate-200 p-3">
        <label className="block">
          <span className="sr-only">{t.search}</span>
          <input
            type="search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            placeholder={t.search}
            className="w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm"
          />
        </label>
        <div className="flex items-center gap-2 text-sm">
          <label className="flex items-center gap-1.5">
            <input
              type="checkbox"
              checked={filters.unread}
              onChange={(event) => onFiltersChange({ ...filters, unread: event.target.checked })}
            />
            {t.unread}
          </label>
          <label className="ml-auto">
            <span className="sr-only">{t.status}</span>
            <select
              value={filters.status}
              onChange={(event) => onFiltersChange({ ...filters, status: event.target.value as ListFilters["status"] })}
              className="rounded-md border border-slate-300 bg-white px-2 py-1"
            >
              <option value="">{t.allStatuses}</option>
              {bookingStatusSchema.options.map((status) => (
                <option key={status} value={status}>
                  {t.statuses[status]}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
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
        <ul ref={scroller} className="h-full overflow-y-auto" aria-label={t.inbox} data-testid="thread-list">
          {threads.map((thread) => (
            <ThreadRow key={thread.booking_id} thread={thread} selected={thread.booking_id === selectedId} />
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

function ThreadRow({ thread, selected }: { thread: ThreadSummaryDto; selected: boolean }) {
  const { t, format } = useI18n();
  const unread = thread.unread_count > 0;
  const last = thread.last_message;
  const preview = last ? last.body || t.attachments(last.attachment_count) : "";
  return (
    <li>
      <Link
        href={`/inbox/${thread.booking_id}`}
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
        </div>
        <div className="mt-0.5 flex items-center gap-2">
          <p className={`min-w-0 flex-1 truncate text-sm ${unread ? "text-slate-900" : "text-slate-600"}`}>
            {last?.sender_type === "workshop" && <span className="text-slate-600">↩ </span>}
            {preview}
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
