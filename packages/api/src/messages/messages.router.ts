import { z } from "zod";
import { listThreadsInput } from "@minbil/contracts/messages/list-threads.schema";
import { getThreadInput } from "@minbil/contracts/messages/get-thread.schema";
import { markThreadReadInput } from "@minbil/contracts/messages/mark-thread-read.schema";
import { sendMessageInput } from "@minbil/contracts/messages/send-message.schema";
import { updateThreadInput } from "@minbil/contracts/messages/update-thread.schema";
import { stateCountsInput } from "@minbil/contracts/messages/state-counts.schema";
import { workshopProcedure } from "../trpc";
import { viewerIdOf } from "../auth/auth-context";
import { listThreads } from "./list-threads.handler";
import { getThread } from "./get-thread.handler";
import { sendMessage } from "./send-message.handler";
import { markThreadRead } from "./mark-thread-read.handler";
import { getUnreadSummary } from "./unread-summary.handler";
import { formDataToObject } from "./form-data-input";
import { streamEvents } from "../events/stream-events.handler";
import { updateThread } from "../threads/update-thread.handler";
import { getStateCounts } from "../threads/state-counts.handler";

/**
 * The messaging procedures. The REST routes under /api/ws/messages call these same procedures.
 * Unread counts are the caller's: a staff member's own, an API token's the workshop's.
 */
export const messagesRouter = {
  list: workshopProcedure
    .input(listThreadsInput)
    .query(({ ctx, input }) => listThreads({ db: ctx.db, workshopId: ctx.auth.workshopId, viewerId: viewerIdOf(ctx.auth.actor) }, input)),

  thread: workshopProcedure
    .input(getThreadInput)
    .query(({ ctx, input }) => getThread({ db: ctx.db, workshopId: ctx.auth.workshopId, viewerId: viewerIdOf(ctx.auth.actor) }, input)),

  /** Takes JSON, or FormData (body, booking_id and files under `attachments`) from the browser. */
  send: workshopProcedure
    .meta({ rateLimit: "send" })
    .input(z.preprocess((value) => (value instanceof FormData ? formDataToObject(value) : value), sendMessageInput))
    .mutation(({ ctx, input }) =>
      sendMessage({ db: ctx.db, storage: ctx.storage, events: ctx.events, workshopId: ctx.auth.workshopId, actor: ctx.auth.actor }, input),
    ),

  markRead: workshopProcedure
    .input(markThreadReadInput)
    .mutation(({ ctx, input }) =>
      markThreadRead({ db: ctx.db, events: ctx.events, workshopId: ctx.auth.workshopId, viewerId: viewerIdOf(ctx.auth.actor) }, input),
    ),

  /** State, snooze, assignee and booking status of a thread (REST: PATCH /api/ws/messages/thread/{booking_id}). */
  updateThread: workshopProcedure
    .input(updateThreadInput)
    .mutation(({ ctx, input }) =>
      updateThread({ db: ctx.db, events: ctx.events, workshopId: ctx.auth.workshopId, actor: ctx.auth.actor }, input),
    ),

  /** How many threads are open, waiting, done and snoozed (of one assignee, or `none`). */
  stateCounts: workshopProcedure
    .input(stateCountsInput)
    .query(({ ctx, input }) => getStateCounts({ db: ctx.db, workshopId: ctx.auth.workshopId }, input)),

  unreadSummary: workshopProcedure.query(({ ctx }) =>
    getUnreadSummary({ db: ctx.db, workshopId: ctx.auth.workshopId, viewerId: viewerIdOf(ctx.auth.actor) }),
  ),

  /** Live: new messages and read changes of the workshop, resumable by the last event id (SSE). */
  events: workshopProcedure
    .input(z.object({ lastEventId: z.string().nullish() }).optional())
    .subscription(({ ctx, input, signal }) =>
      streamEvents(
        { db: ctx.db, events: ctx.events, workshopId: ctx.auth.workshopId, stillAllowed: ctx.recheckAuth },
        { lastEventId: input?.lastEventId, announceStart: true },
        signal,
      ),
    ),
};
