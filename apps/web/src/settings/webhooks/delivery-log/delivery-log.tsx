"use client";

import { useEffect, useRef, useState } from "react";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import { useI18n } from "~/i18n/i18n-provider";
import { ErrorAlert } from "~/components/error-alert";
import { DeliveryItem } from "./delivery-item";

const PAGE_SIZE = 10;
/** While a delivery is pending, look again this often: attempts land within seconds. */
const PENDING_POLL_MS = 1_500;
/** Otherwise, while the log is open, this often: deliveries of new events appear by themselves. */
const IDLE_POLL_MS = 10_000;

const nextCursor = (page: { meta: { next_cursor: string | null } }) => page.meta.next_cursor ?? undefined;

/** An endpoint's deliveries, newest first, each with its attempts and Redeliver; "Load more" pages back. */
export function DeliveryLog({ endpointId, endpointEnabled }: { endpointId: string; endpointEnabled: boolean }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState("");
  const log = useInfiniteQuery(
    trpc.webhooks.deliveries.infiniteQueryOptions(
      { id: endpointId, limit: PAGE_SIZE },
      {
        getNextPageParam: nextCursor,
        // Pending deliveries of an endpoint that is off wait for it: nothing to watch closely then.
        refetchInterval: (query) =>
          endpointEnabled && query.state.data?.pages.some((page) => page.data.some((delivery) => delivery.status === "pending"))
            ? PENDING_POLL_MS
            : IDLE_POLL_MS,
      },
    ),
  );
  const deliveries = log.data?.pages.flatMap((page) => page.data) ?? [];

  // A new attempt may start or end the endpoint's failure streak (or turn it off): refresh its state then.
  const attemptCount = deliveries.reduce((sum, delivery) => sum + delivery.attempts.length, 0);
  const seenAttempts = useRef<number | null>(null);
  useEffect(() => {
    if (seenAttempts.current !== null && seenAttempts.current !== attemptCount) {
      void queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() });
    }
    seenAttempts.current = attemptCount;
  }, [attemptCount, queryClient, trpc]);

  // After "Load more", focus moves to the first delivery it added (the button may be gone by then).
  const list = useRef<HTMLOListElement>(null);
  const focusFrom = useRef<number | null>(null);
  useEffect(() => {
    const index = focusFrom.current;
    if (index === null || deliveries.length <= index) return;
    focusFrom.current = null;
    (list.current?.children[index] as HTMLElement | undefined)?.focus();
  }, [deliveries.length]);

  const redeliver = useMutation(
    trpc.webhooks.redeliver.mutationOptions({
      onSuccess: () => {
        setNotice(t.redeliverQueued);
        void queryClient.invalidateQueries(trpc.webhooks.deliveries.infiniteQueryFilter({ id: endpointId }));
      },
    }),
  );

  return (
    <div className="mt-2 border-t border-slate-100 pt-2">
      <h4 className="font-semibold">{t.deliveryLog}</h4>
      <p className="text-xs text-slate-600">{t.deliveryLogHelp}</p>
      <ErrorAlert error={log.error} className="mt-1" />
      <ErrorAlert error={redeliver.error} className="mt-1" />
      <p role="status" className="text-xs text-slate-700">
        {notice}
      </p>
      {log.isSuccess && deliveries.length === 0 && <p className="mt-1 text-slate-600">{t.noDeliveries}</p>}
      <ol ref={list} className="mt-1 space-y-2">
        {deliveries.map((delivery) => (
          <DeliveryItem
            key={delivery.id}
            delivery={delivery}
            endpointEnabled={endpointEnabled}
            onRedeliver={() => {
              if (!redeliver.isPending) redeliver.mutate({ id: endpointId, delivery_id: delivery.id });
            }}
          />
        ))}
      </ol>
      {log.hasNextPage && (
        <button
          type="button"
          aria-disabled={log.isFetchingNextPage}
          onClick={() => {
            if (log.isFetchingNextPage) return;
            focusFrom.current = deliveries.length;
            void log.fetchNextPage();
          }}
          className="mt-2 rounded-md border border-slate-300 px-2 py-0.5 hover:bg-slate-50 aria-disabled:opacity-60"
        >
          {log.isFetchingNextPage ? t.loadingMore : t.loadMore}
        </button>
      )}
    </div>
  );
}
