import { listEventsInput } from "@minbil/contracts/events/list-events.schema";
import { workshopProcedure } from "../trpc";
import { listEvents } from "./list-events.handler";

/** The event feed as a procedure (REST: GET /api/ws/events); the live stream is messages.events. */
export const eventsRouter = {
  list: workshopProcedure
    .input(listEventsInput)
    .query(({ ctx, input, signal }) => listEvents({ db: ctx.db, events: ctx.events, workshopId: ctx.auth.workshopId }, input, signal)),
};
