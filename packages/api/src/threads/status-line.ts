import type { Sql } from "@minbil/db/sql-transaction";
import type { BookingStatus, MessageDto } from "@minbil/contracts/dto";
import type { Actor } from "../auth/auth-context";
import type { AppendedEvent } from "../events/append-event";
import { writeMessage } from "../messages/write-message";

/** How a status reads in the thread's line (the workshop's language, bokmål). */
const STATUS_NB: Record<BookingStatus, string> = {
  pending: "venter",
  confirmed: "bekreftet",
  in_progress: "under arbeid",
  ready_for_pickup: "klar for henting",
  completed: "fullført",
  cancelled: "avlyst",
};

/** The line a status change leaves in the thread: a system message for the workshop (internal). */
export async function writeStatusLine(
  sql: Sql,
  input: { workshopId: string; bookingId: number; actor: Actor | null; status: BookingStatus },
): Promise<{ message: MessageDto; event: AppendedEvent }> {
  const who = input.actor?.name ?? "MinBil";
  const { message, events } = await writeMessage(sql, {
    workshopId: input.workshopId,
    bookingId: input.bookingId,
    senderType: "system",
    senderName: "MinBil",
    visibility: "internal",
    body: `${who} endret status til «${STATUS_NB[input.status]}».`,
    actor: input.actor,
  });
  return { message, event: events[0]! };
}
