import { notFound } from "next/navigation";
import { getQueryClient, trpc } from "~/trpc/server";
import { InboxShell } from "~/inbox/inbox-shell";
import { NO_FILTERS, listInput, nextCursor, threadInput } from "~/inbox/list-query";

export default async function ThreadPage({ params }: { params: Promise<{ bookingId: string }> }) {
  const { bookingId } = await params;
  const id = Number(bookingId);
  if (!/^\d+$/.test(bookingId) || !Number.isSafeInteger(id)) notFound();
  const queryClient = getQueryClient();
  // Another workshop's booking answers NOT_FOUND, exactly like one that does not exist.
  const [thread] = await Promise.all([
    queryClient
      .fetchInfiniteQuery(trpc.messages.thread.infiniteQueryOptions(threadInput(id), { getNextPageParam: nextCursor }))
      .catch(() => null),
    queryClient.prefetchInfiniteQuery(trpc.messages.list.infiniteQueryOptions(listInput(NO_FILTERS), { getNextPageParam: nextCursor })),
  ]);
  if (!thread) notFound();
  return <InboxShell selectedId={id} />;
}
