import type { PrismaClient } from "@minbil/db/client";
import type { CustomerPageAction, CustomerPageLimits } from "../rate-limits/customer-page-limits";
import { resolveCustomerLink, type ResolvedLink } from "./resolve-customer-link";

/**
 * The first step of every request of the customer's page (its API and the page itself): which booking
 * the link opens (null for a wrong, revoked or expired one), counted against the address's and the
 * link's limits. `waitSeconds` is set when over a limit.
 */
export async function openCustomerLink(
  deps: { db: PrismaClient; customerPageLimits: CustomerPageLimits },
  request: { token: string; address: string; action: CustomerPageAction },
): Promise<{ link: ResolvedLink | null; waitSeconds: number | null }> {
  const link = await resolveCustomerLink(deps.db, request.token);
  const waitSeconds = await deps.customerPageLimits.take({
    address: request.address,
    linkId: link?.linkId ?? null,
    action: request.action,
  });
  return { link, waitSeconds };
}
