import { changePasswordInput } from "@minbil/contracts/admin/account.schema";
import { staffProcedure, workshopProcedure } from "../trpc";
import { getMe } from "./me.handler";
import { changeOwnPassword, signOutEverywhere } from "./account.handler";

export const authRouter = {
  me: workshopProcedure.query(({ ctx }) => getMe({ db: ctx.db, auth: ctx.auth })),
  changePassword: staffProcedure
    .input(changePasswordInput)
    .mutation(({ ctx, input }) =>
      changeOwnPassword({ db: ctx.db, userId: ctx.auth.actor.userId, sessionId: ctx.auth.actor.sessionId }, input),
    ),
  signOutEverywhere: staffProcedure.mutation(({ ctx }) =>
    signOutEverywhere({ db: ctx.db, userId: ctx.auth.actor.userId, sessionId: ctx.auth.actor.sessionId }),
  ),
};
