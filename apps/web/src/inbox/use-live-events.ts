"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useTRPC } from "~/trpc/react";
import { appendMessage, setUnreadCount } from "./thread-cache";
import { threadInput } from "./list-query";
import { useRefreshLists } from "./use-refresh-lists";

/**
 * Keeps the inbox current without reloads: new messages go into their open thread, and the list and
 * unread totals refresh on every change. The subscription resumes after its last event on reconnect.
 */
export function useLiveEvents(): "live" | "connecting" {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refreshLists = useRefreshLists();

  const subscription = useSubscription(
    trpc.messages.events.subscriptionOptions(undefined, {
      // (Re)connected: anything missed while away arrives as events, but refresh the lists too.
      onStarted: refreshLists,
      onData({ data: event }) {
        const threadKey = trpc.messages.thread.infiniteQueryKey(threadInput(event.booking_id));
        if (event.type === "message.created") appendMessage(queryClient, threadKey, event.data.message);
        setUnreadCount(queryClient, threadKey, event.data.unread_count);
        refreshLists();
      },
    }),
  );
  return subscription.status === "pending" ? "live" : "connecting";
}
