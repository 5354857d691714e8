"use client";

import { useCallback } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";

/** Refetches what shows unread state across threads: the thread list pages and the unread total. */
export function useRefreshLists(): () => void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.messages.list.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.messages.unreadSummary.queryKey() });
  }, [queryClient, trpc]);
}
