import { customerLinkInput } from "@minbil/contracts/customer/customer-link.schema";
import { workshopProcedure } from "../trpc";
import { getCustomerLink, reissueCustomerLink, revokeCustomerLink, type CustomerLinkHandlerDeps } from "./customer-link.handler";
import type { Context } from "../context";

const depsOf = (ctx: Context & { auth: { workshopId: string } }): CustomerLinkHandlerDeps => ({
  db: ctx.db,
  secrets: ctx.secrets,
  publicBaseUrl: ctx.publicBaseUrl,
  workshopId: ctx.auth.workshopId,
});

/** The customer's page of a booking (/c/<token>): copy its link, issue a new one, or end it. */
export const customerLinksRouter = {
  /** The current link (issued now if there is none). */
  get: workshopProcedure.input(customerLinkInput).mutation(({ ctx, input }) => getCustomerLink(depsOf(ctx), input)),
  /** A new link; the old one stops working (REST: POST /api/ws/messages/thread/{booking_id}/customer-link). */
  reissue: workshopProcedure.input(customerLinkInput).mutation(({ ctx, input }) => reissueCustomerLink(depsOf(ctx), input)),
  /** Ends the link (REST: DELETE …/customer-link). */
  revoke: workshopProcedure.input(customerLinkInput).mutation(({ ctx, input }) => revokeCustomerLink(depsOf(ctx), input)),
};
