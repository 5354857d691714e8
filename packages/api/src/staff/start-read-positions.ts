import type { Prisma } from "@minbil/db/client";

/**
 * Gives a new staff member a read position in every thread of the workshop: what the team has read
 * (the workshop's read state) counts as read, so nobody starts with a backlog colleagues have handled.
 */
export async function startReadPositions(tx: Prisma.TransactionClient, workshopId: string, userId: string): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO thread_reads (booking_id, user_id, last_read_seq, read_customer_count, updated_at)
    SELECT t.booking_id, ${userId}, t.last_read_seq, GREATEST(t.customer_message_count - t.unread_count, 0), now()
    FROM threads t WHERE t.workshop_id = ${workshopId}
    ON CONFLICT (booking_id, user_id) DO NOTHING`;
}
