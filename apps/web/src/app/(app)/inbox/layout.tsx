import { HydrateClient, getQueryClient, trpc } from "~/trpc/server";
import { InboxShell } from "~/inbox/inbox-shell";
import { NO_FILTERS, listInput, nextCursor, stateCountsInput } from "~/inbox/list/list-query";

/**
 * The thread list lives in the layout: opening a thread (a page below) keeps the list as it was, its
 * search, filters and scroll position, because the layout is not rendered again.
 */
export default async function InboxLayout({ children }: { children: React.ReactNode }) {
  const queryClient = getQueryClient();
  // Awaited: the first page is rendered on the server, and the client hydrates the same data.
  await Promise.all([
    queryClient.prefetchInfiniteQuery(trpc.messages.list.infiniteQueryOptions(listInput(NO_FILTERS), { getNextPageParam: nextCursor })),
    queryClient.prefetchQuery(trpc.messages.stateCounts.queryOptions(stateCountsInput(NO_FILTERS.view))),
    queryClient.prefetchQuery(trpc.staff.list.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <InboxShell>{children}</InboxShell>
    </HydrateClient>
  );
}
