import { createApiTokenInput, revokeApiTokenInput } from "@minbil/contracts/admin/api-tokens.schema";
import { createStaffInput, setStaffDisabledInput } from "@minbil/contracts/admin/staff.schema";
import { ownerProcedure } from "../trpc";
import { createWorkshopApiToken, listApiTokens, revokeWorkshopApiToken } from "./api-tokens.handler";
import { createStaff, listStaff, setStaffDisabled } from "./staff.handler";

/** Workshop settings, for owners: API tokens and staff accounts. */
export const adminRouter = {
  tokens: ownerProcedure.query(({ ctx }) => listApiTokens({ db: ctx.db, workshopId: ctx.auth.workshopId })),
  createToken: ownerProcedure
    .input(createApiTokenInput)
    .mutation(({ ctx, input }) => createWorkshopApiToken({ db: ctx.db, workshopId: ctx.auth.workshopId }, input)),
  revokeToken: ownerProcedure
    .input(revokeApiTokenInput)
    .mutation(({ ctx, input }) => revokeWorkshopApiToken({ db: ctx.db, workshopId: ctx.auth.workshopId }, input)),
  staff: ownerProcedure.query(({ ctx }) => listStaff({ db: ctx.db, workshopId: ctx.auth.workshopId })),
  createStaff: ownerProcedure
    .input(createStaffInput)
    .mutation(({ ctx, input }) => createStaff({ db: ctx.db, workshopId: ctx.auth.workshopId }, input)),
  setStaffDisabled: ownerProcedure
    .input(setStaffDisabledInput)
    .mutation(({ ctx, input }) =>
      setStaffDisabled({ db: ctx.db, workshopId: ctx.auth.workshopId, actingUserId: ctx.auth.actor.userId }, input),
    ),
};
