import { customerBookingsInput } from "@minbil/contracts/bookings/customer-bookings.schema";
import { workshopProcedure } from "../trpc";
import { listCustomerBookings } from "./customer-bookings.handler";

export const bookingsRouter = {
  /** The other bookings of a thread's customer. */
  ofCustomer: workshopProcedure
    .input(customerBookingsInput)
    .query(({ ctx, input }) => listCustomerBookings({ db: ctx.db, workshopId: ctx.auth.workshopId }, input)),
};
