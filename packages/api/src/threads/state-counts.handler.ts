import type { PrismaClient } from "@minbil/db/client";
import { stateCountsDto, type StateCountsDto } from "@minbil/contracts/messages/state-counts.schema";

/** How many of the workshop's threads are in each state, of one assignee (or of nobody) when given. */
export async function getStateCounts(
  deps: { db: PrismaClient; workshopId: string },
  input: { assignee?: string } | undefined,
): Promise<StateCountsDto> {
  const assignee = input?.assignee;
  const groups = await deps.db.thread.groupBy({
    by: ["state"],
    where: { workshopId: deps.workshopId, ...(assignee ? { assigneeId: assignee === "none" ? null : assignee } : {}) },
    _count: { _all: true },
  });
  const counts = { open: 0, waiting: 0, done: 0, snoozed: 0 };
  for (const group of groups) counts[group.state.toLowerCase() as keyof typeof counts] = group._count._all;
  return stateCountsDto.parse(counts);
}
