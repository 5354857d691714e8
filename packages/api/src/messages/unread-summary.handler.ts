import type { PrismaClient } from "@minbil/db/client";
import { unreadSummaryDto, type UnreadSummaryDto } from "@minbil/contracts/dto";

/**
 * Unread customer messages over all the workshop's threads: for an API token the workshop's kept-up
 * total (one primary-key read); for a staff member (`viewerId`) what they have not read, summed over
 * the threads that have any (an index read of the workshop's threads with their read positions).
 */
export async function getUnreadSummary(deps: {
  db: PrismaClient;
  workshopId: string;
  viewerId?: string | null;
}): Promise<UnreadSummaryDto> {
  if (!deps.viewerId) {
    const workshop = await deps.db.workshop.findUniqueOrThrow({ where: { id: deps.workshopId }, select: { unreadTotal: true } });
    return unreadSummaryDto.parse({ total_unread: workshop.unreadTotal });
  }
  const [row] = await deps.db.$queryRaw<{ total: number }[]>`
    SELECT COALESCE(SUM(t.customer_message_count - COALESCE(r.read_customer_count, 0)), 0)::int AS total
    FROM threads t
    LEFT JOIN thread_reads r ON r.booking_id = t.booking_id AND r.user_id = ${deps.viewerId}
    WHERE t.workshop_id = ${deps.workshopId} AND t.customer_message_count > COALESCE(r.read_customer_count, 0)`;
  return unreadSummaryDto.parse({ total_unread: row?.total ?? 0 });
}
