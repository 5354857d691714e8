import { workshopProcedure } from "../trpc";
import { listStaffRefs } from "./staff-refs.handler";

/** The workshop's staff as others see them (REST: GET /api/ws/staff). */
export const staffRouter = {
  list: workshopProcedure.query(({ ctx }) => listStaffRefs({ db: ctx.db, workshopId: ctx.auth.workshopId })),
};
