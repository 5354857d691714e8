import { workshopProcedure } from "../trpc";
import { getMe } from "./me.handler";

export const authRouter = {
  me: workshopProcedure.query(({ ctx }) => getMe({ db: ctx.db, auth: ctx.auth })),
};
