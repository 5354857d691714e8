"use client";

import { useCallback } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";

/** Refetches what shows across threads: the thread list pages, the unread total and the counts per state. */
export function useRefreshLists(): () => void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.messages.list.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.messages.unreadSummary.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.messages.stateCounts.pathKey() });
  }, [queryClient, trpc]);
}
