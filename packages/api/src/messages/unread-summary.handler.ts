import type { PrismaClient } from "@minbil/db/client";
import { unreadSummaryDto, type UnreadSummaryDto } from "@minbil/contracts/dto";

/** The workshop's total of unread customer messages: one primary-key read of a kept-up total. */
export async function getUnreadSummary(deps: { db: PrismaClient; workshopId: string }): Promise<UnreadSummaryDto> {
  const workshop = await deps.db.workshop.findUniqueOrThrow({ where: { id: deps.workshopId }, select: { unreadTotal: true } });
  return unreadSummaryDto.parse({ total_unread: workshop.unreadTotal });
}
