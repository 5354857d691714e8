"use client";

import { useEffect } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { redirectWhenSignedOut, useTRPC } from "~/trpc/react";
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
        const threadKey = trpc.messages.thread.infiniteQueryKey(threadInput(event.data.booking_id));
        if (event.type === "message.created") appendMessage(queryClient, threadKey, event.data.message);
        setUnreadCount(queryClient, threadKey, event.data.unread_count);
        refreshLists();
      },
      // A stream that fails may have been refused because the session ended: asking who we are
      // answers UNAUTHORIZED then, which sends the page back to sign-in, saying why.
      onError(error) {
        redirectWhenSignedOut(error);
        void queryClient.refetchQueries({ queryKey: trpc.auth.me.queryKey() });
      },
    }),
  );
  // The server ends a stream when the session loses its rights, or when it shuts down for a restart:
  // start again; a refused restart lands in onError above, an accepted one resumes after its last event.
  const { status, reset } = subscription;
  useEffect(() => {
    if (status !== "idle") return;
    const timer = setTimeout(reset, 1000);
    return () => clearTimeout(timer);
  }, [status, reset]);
  return subscription.status === "pending" ? "live" : "connecting";
}
