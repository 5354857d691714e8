import { notFound } from "next/navigation";
import { HydrateClient, getQueryClient, trpc } from "~/trpc/server";
import { ThreadView } from "~/inbox/thread/thread-view";
import { nextCursor, threadInput } from "~/inbox/list/list-query";

export default async function ThreadPage({
  params,
  searchParams,
}: {
  params: Promise<{ bookingId: string }>;
  /** `m`: the seq of a message to open the thread at (a search hit). */
  searchParams: Promise<{ m?: string | string[] }>;
}) {
  const { bookingId } = await params;
  const { m } = await searchParams;
  const atSeq = typeof m === "string" && /^\d{1,9}$/.test(m) ? Number(m) : undefined;
  const id = Number(bookingId);
  if (!/^\d+$/.test(bookingId) || !Number.isSafeInteger(id)) notFound();
  // Another workshop's booking answers NOT_FOUND, exactly like one that does not exist.
  const thread = await getQueryClient()
    .fetchInfiniteQuery(trpc.messages.thread.infiniteQueryOptions(threadInput(id), { getNextPageParam: nextCursor }))
    .catch(() => null);
  if (!thread) notFound();
  return (
    <HydrateClient>
      <ThreadView key={`${id}:${atSeq ?? ""}`} bookingId={id} atSeq={atSeq} />
    </HydrateClient>
  );
}
