"use client";

import { useEffect } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { redirectWhenSignedOut, useTRPC } from "~/trpc/react";
import { appendMessage, setMessageDelivery, setUnreadCount } from "./thread-cache";
import { threadInput } from "../list/list-query";
import { useRefreshLists } from "./use-refresh-lists";
import type { WorkshopEventDto } from "@minbil/contracts/events/event.schema";

/**
 * Keeps the inbox current without reloads: new messages go into their open thread, and the list and
 * unread totals refresh on every change. The subscription resumes after its last event on reconnect.
 */
export function useLiveEvents(onEvent?: (event: WorkshopEventDto) => void): "live" | "connecting" {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refreshLists = useRefreshLists();
  const myId = useQuery(trpc.auth.me.queryOptions()).data?.user.id;

  const subscription = useSubscription(
    trpc.messages.events.subscriptionOptions(undefined, {
      // (Re)connected: anything missed while away arrives as events, but refresh the lists too.
      onStarted: refreshLists,
      onData({ data: event }) {
        // Where the stream starts (so a reconnect resumes from there): nothing to show.
        if (event.type === "stream.started") return;
        const threadKey = trpc.messages.thread.infiniteQueryKey(threadInput(event.data.booking_id));
        // Unread counts are each staff member's own: the events carry the workshop's, so only a
        // customer message (one more unread) and this user's own reading change the open thread's.
        if (event.type === "message.created") {
          appendMessage(queryClient, threadKey, event.data.message);
          if (event.data.message.sender_type === "customer") setUnreadCount(queryClient, threadKey, (unread) => unread + 1);
        } else if (event.type === "message.delivery_updated") {
          // Only the message's ticks change: nothing in the lists.
          setMessageDelivery(queryClient, threadKey, event.data.message_id, event.data.delivery);
          onEvent?.(event);
          return;
        } else if (event.type === "thread.read" || event.type === "thread.unread") {
          if (event.data.by_user_id === myId) setUnreadCount(queryClient, threadKey, event.data.unread_count);
        } else {
          // State, assignee or booking status: the open thread shows them too.
          void queryClient.invalidateQueries({ queryKey: threadKey });
        }
        refreshLists();
        onEvent?.(event);
      },
      // A stream that fails may have been refused because the session ended: asking who we are
      // answers UNAUTHORIZED then, which sends the page back to sign-in, saying why.
      onError(error) {
        redirectWhenSignedOut(error);
        void queryClient.refetchQueries({ queryKey: trpc.auth.me.queryKey() });
      },
    }),
  );
  // A stream that drops or is refused is opened again, after its last event, by the retry link
  // (src/trpc/react.tsx). Left here: the server ending a stream (the session lost its rights) or an
  // error the server decided. Start again a little later: a refused start lands in onError above,
  // which sends an ended session to sign-in.
  const { status, reset } = subscription;
  useEffect(() => {
    if (status !== "idle" && status !== "error") return;
    const timer = setTimeout(reset, status === "idle" ? 1000 : 3000);
    return () => clearTimeout(timer);
  }, [status, reset]);
  return subscription.status === "pending" ? "live" : "connecting";
}
