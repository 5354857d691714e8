import { consumeAll, createLimiter, type LimiterStore } from "./limiter-store";

// The customer's page (/c/<token>) has no account, so its requests are limited per link and per client
// address. A page open on a phone polls every 15 s and sends a "seen" now and then: about 50 requests
// in 10 minutes; the link's budget leaves four times that. Messages from one link: 30 an hour, more
// than anyone types, few enough that a script cannot flood a thread. A wrong, expired or revoked link
// costs its address more: 20 in 10 minutes (nobody mistypes a 43-character token that often).
export const CUSTOMER_PAGE_RULES = {
  address: { keyPrefix: "cust:ip", points: 600, duration: 600 },
  link: { keyPrefix: "cust:link", points: 200, duration: 600 },
  send: { keyPrefix: "cust:send", points: 30, duration: 3600 },
  unknownLink: { keyPrefix: "cust:bad", points: 20, duration: 600 },
} as const;

export type CustomerPageAction = "view" | "send";

export interface CustomerPageLimits {
  /**
   * Counts a request to the customer's page (a `linkId` of null: the link did not open); resolves with
   * the seconds to wait when over a limit, else null.
   */
  take(request: { address: string; linkId: string | null; action: CustomerPageAction }): Promise<number | null>;
}

export function createCustomerPageLimits(store: LimiterStore): CustomerPageLimits {
  const limiters = {
    address: createLimiter(store, CUSTOMER_PAGE_RULES.address),
    link: createLimiter(store, CUSTOMER_PAGE_RULES.link),
    send: createLimiter(store, CUSTOMER_PAGE_RULES.send),
    unknownLink: createLimiter(store, CUSTOMER_PAGE_RULES.unknownLink),
  };
  return {
    async take({ address, linkId, action }) {
      const counts: [keyof typeof limiters, string][] = [["address", address]];
      if (linkId === null) counts.push(["unknownLink", address]);
      else {
        counts.push(["link", linkId]);
        if (action === "send") counts.push(["send", linkId]);
      }
      return consumeAll(counts.map(([name, key]) => [limiters[name], key]));
    },
  };
}
