"use client";

import { useEffect, useRef } from "react";
import Link from "next/link";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import { useI18n } from "~/i18n/i18n-provider";
import { errorMessage } from "~/i18n/error-message";
import { BookingDetailsButton, BookingPanel } from "./booking-panel";
import { MessageList } from "./message-list";
import { Composer } from "../composer/composer";
import { ThreadActions } from "./thread-actions";
import { ImageGallery } from "../gallery/image-gallery";
import { nextCursor, threadInput } from "../list/list-query";
import { setUnreadCount } from "../live/thread-cache";
import { useRefreshLists } from "../live/use-refresh-lists";
import { usePageVisible } from "../live/use-page-visible";

export function ThreadView({ bookingId, atSeq }: { bookingId: number; /** Open at this message (a search hit). */ atSeq?: number }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const queryOptions = trpc.messages.thread.infiniteQueryOptions(threadInput(bookingId), { getNextPageParam: nextCursor });
  const query = useInfiniteQuery(queryOptions);
  const thread = query.data?.pages[0]?.data;
  const messages = query.data ? [...query.data.pages].reverse().flatMap((page) => page.data.messages) : [];

  const refreshLists = useRefreshLists();
  const markRead = useMutation(
    trpc.messages.markRead.mutationOptions({
      onSuccess: (state) => {
        setUnreadCount(queryClient, queryOptions.queryKey, state.unread_count);
        refreshLists();
      },
    }),
  );

  // Opening a thread, or a customer message arriving in the open one, marks it read: once the
  // page is in front of the user (a message that came in a background tab waits until they look).
  const markedUnreadByHand = useRef(false);
  const unread = thread?.unread_count ?? 0;
  const visible = usePageVisible();
  useEffect(() => {
    if (unread > 0 && visible && !markedUnreadByHand.current && !markRead.isPending) {
      markRead.mutate({ booking_id: bookingId, read: true });
    }
  }, [unread, visible, bookingId, markRead]);

  // Opened at a message older than the first page: load older pages until it is there.
  const hasTarget = atSeq === undefined || messages.some((message) => message.seq === atSeq);
  const oldestSeq = messages[0]?.seq ?? 0;
  useEffect(() => {
    if (!hasTarget && atSeq !== undefined && atSeq < oldestSeq && query.hasNextPage && !query.isFetchingNextPage)
      void query.fetchNextPage();
  }, [hasTarget, atSeq, oldestSeq, query]);

  // Opening a thread puts focus on its heading: screen readers say whose it is, and Tab goes on from there.
  const heading = useRef<HTMLHeadingElement>(null);
  const focused = useRef(false);
  const loaded = thread !== undefined;
  useEffect(() => {
    if (!loaded || focused.current) return;
    focused.current = true;
    heading.current?.focus({ preventScroll: true });
  }, [loaded]);

  if (query.isError) {
    return (
      <p role="alert" className="m-auto p-6 text-slate-700">
        {query.error.data?.code === "NOT_FOUND" ? t.threadNotFound : errorMessage(query.error, t)}
      </p>
    );
  }
  if (!thread) return <p className="m-auto p-6 text-slate-600">…</p>;

  return (
    <div className="flex h-full min-h-0">
      <section className="flex min-w-0 flex-1 flex-col" aria-labelledby="thread-title" data-testid="conversation">
        <div className="flex items-center gap-2 border-b border-slate-200 bg-white px-3 py-2">
          <Link
            href="/inbox"
            className="flex min-h-11 shrink-0 items-center rounded-md px-2 text-sm whitespace-nowrap text-blue-700 hover:bg-slate-100 md:hidden"
          >
            ← {t.back}
          </Link>
          <div className="min-w-0">
            <h2 id="thread-title" ref={heading} tabIndex={-1} className="truncate font-semibold focus:outline-none">
              {thread.customer.name}
            </h2>
            <p className="truncate text-xs text-slate-600">
              {thread.booking.vehicle.registration_number} · {thread.booking.service}
            </p>
          </div>
          <div className="ml-auto">
            <BookingDetailsButton booking={thread.booking} customer={thread.customer} approvedTotal={thread.approved_total_nok} />
          </div>
        </div>
        <ThreadActions
          thread={thread}
          threadKey={queryOptions.queryKey}
          onMarkUnread={
            unread > 0
              ? null
              : () => {
                  markedUnreadByHand.current = true;
                  markRead.mutate({ booking_id: bookingId, read: false });
                }
          }
        />
        <ImageGallery messages={messages}>
          <MessageList
            messages={messages}
            hasOlder={query.hasNextPage}
            loadingOlder={query.isFetchingNextPage}
            onLoadOlder={() => void query.fetchNextPage()}
            atSeq={atSeq}
          />
        </ImageGallery>
        <Composer
          key={bookingId}
          bookingId={bookingId}
          booking={{ booking: thread.booking, customer: thread.customer }}
          threadKey={queryOptions.queryKey}
          onSent={() => {
            markedUnreadByHand.current = false;
            refreshLists();
          }}
        />
      </section>
      <BookingPanel booking={thread.booking} customer={thread.customer} approvedTotal={thread.approved_total_nok} />
    </div>
  );
}
