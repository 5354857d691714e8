"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ThreadListDto } from "@minbil/contracts/dto";
import type { WorkshopEventDto } from "@minbil/contracts/events/event.schema";
import { useTRPC } from "~/trpc/react";
import { useI18n } from "~/i18n/i18n-provider";
import { notificationFor } from "./notification-for";
import { useNotifier } from "./use-notifier";

/** Turns the inbox's live events into notifications for the signed-in staff member. */
export function useInboxNotifications(openBookingId: number | null) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.auth.me.queryOptions()).data?.user;
  const { toasts, notify, dismiss } = useNotifier();

  // The customer's name, from any thread list page already loaded.
  const customerName = (bookingId: number) => {
    for (const [, data] of queryClient.getQueriesData<{ pages: ThreadListDto[] }>({ queryKey: trpc.messages.list.pathKey() })) {
      for (const page of data?.pages ?? []) {
        const thread = page.data.find((candidate) => candidate.booking_id === bookingId);
        if (thread) return thread.customer.name;
      }
    }
    return undefined;
  };

  const onEvent = (event: WorkshopEventDto) => {
    if (!me) return;
    const watching = document.visibilityState === "visible" ? openBookingId : null;
    const notification = notificationFor(event, { userId: me.id, name: me.name, watchingBookingId: watching }, t, customerName);
    if (notification) notify(notification);
  };

  return { toasts, dismiss, onEvent };
}
