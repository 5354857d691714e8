import { decideEstimateInput } from "@minbil/contracts/estimates/estimate.schema";
import { workshopProcedure } from "../trpc";
import { decideEstimate } from "./decide-estimate.handler";

/** Estimates are sent with `messages.send` (`estimate`); the customer decides them on their page. */
export const estimatesRouter = {
  /** Records the customer's decision given by another channel (REST: POST …/estimates/{estimate_id}/decision). */
  decide: workshopProcedure
    .input(decideEstimateInput)
    .mutation(({ ctx, input }) =>
      decideEstimate({ db: ctx.db, events: ctx.events, workshopId: ctx.auth.workshopId, actor: ctx.auth.actor, via: "api" }, input),
    ),
};
