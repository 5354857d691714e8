import type { PrismaClient } from "@minbil/db/client";
import type { ResolvedLink } from "../customer-links/resolve-customer-link";

/**
 * The customer's page showed the messages up to `seq` to a person (its own script says so when the page
 * is visible; a link preview never runs it). Moves the thread's "seen" mark forward, never back.
 * Returns whether it moved.
 */
export async function markSeenByCustomer(
  deps: { db: PrismaClient },
  link: ResolvedLink,
  input: { seq: number },
): Promise<{ moved: boolean }> {
  const { count } = await deps.db.thread.updateMany({
    where: { bookingId: link.bookingId, customerSeenSeq: { lt: input.seq }, messageCount: { gte: input.seq } },
    data: { customerSeenSeq: input.seq, customerSeenAt: new Date() },
  });
  return { moved: count > 0 };
}
