import { getQueryClient, trpc } from "~/trpc/server";
import { InboxShell } from "~/inbox/inbox-shell";
import { NO_FILTERS, listInput, nextCursor } from "~/inbox/list-query";

export default function InboxPage() {
  void getQueryClient().prefetchInfiniteQuery(trpc.messages.list.infiniteQueryOptions(listInput(NO_FILTERS), { getNextPageParam: nextCursor }));
  return <InboxShell selectedId={null} />;
}
