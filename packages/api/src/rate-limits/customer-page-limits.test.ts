import { describe, expect, it } from "vitest";
import { CUSTOMER_PAGE_RULES, createCustomerPageLimits } from "./customer-page-limits";

// The customer's page has no account: its requests are counted per address and per link.

describe("customer page limits", () => {
  it("lets an address try only a few links that do not work, without touching working links' budgets", async () => {
    const limits = createCustomerPageLimits({ kind: "memory" });
    for (let i = 0; i < CUSTOMER_PAGE_RULES.unknownLink.points; i += 1) {
      expect(await limits.take({ address: "203.0.113.9", linkId: null, action: "view" })).toBeNull();
    }
    const wait = await limits.take({ address: "203.0.113.9", linkId: null, action: "view" });
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(CUSTOMER_PAGE_RULES.unknownLink.duration);
    // Another address, and a working link from that same address, are not held up by it.
    expect(await limits.take({ address: "198.51.100.7", linkId: null, action: "view" })).toBeNull();
    expect(await limits.take({ address: "203.0.113.9", linkId: "cl_a", action: "view" })).toBeNull();
  });

  it("limits the messages of one link, whatever address they come from", async () => {
    const limits = createCustomerPageLimits({ kind: "memory" });
    for (let i = 0; i < CUSTOMER_PAGE_RULES.send.points; i += 1) {
      expect(await limits.take({ address: `10.0.0.${i}`, linkId: "cl_b", action: "send" })).toBeNull();
    }
    expect(await limits.take({ address: "10.0.1.1", linkId: "cl_b", action: "send" })).toBeGreaterThan(0);
    // Reading the page with that link goes on, and another link's messages are not affected.
    expect(await limits.take({ address: "10.0.1.1", linkId: "cl_b", action: "view" })).toBeNull();
    expect(await limits.take({ address: "10.0.1.1", linkId: "cl_c", action: "send" })).toBeNull();
  });
});
