import { getQueryClient, trpc } from "~/trpc/server";
import { InboxShell } from "~/inbox/inbox-shell";
import { NO_FILTERS, listInput, nextCursor } from "~/inbox/list-query";

export default async function InboxPage() {
  // Awaited: the first page is rendered on the server, and the client hydrates the same data.
  await getQueryClient().prefetchInfiniteQuery(
    trpc.messages.list.infiniteQueryOptions(listInput(NO_FILTERS), { getNextPageParam: nextCursor }),
  );
  return <InboxShell selectedId={null} />;
}
