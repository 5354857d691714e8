import { describe, expect, it } from "vitest";
import { customerLocale } from "./customer-locale";

describe("the customer page's language", () => {
  it("follows the customer's choice first, then this device's cookie, then the browser", () => {
    expect(customerLocale({ query: "en", cookie: "nb", acceptLanguage: "nb-NO" })).toBe("en");
    expect(customerLocale({ cookie: "en", acceptLanguage: "nb-NO" })).toBe("en");
    expect(customerLocale({ acceptLanguage: "en-GB,en;q=0.9" })).toBe("en");
  });
  it("speaks bokmål otherwise, also for languages it does not have", () => {
    expect(customerLocale({ acceptLanguage: "de-DE" })).toBe("nb");
    expect(customerLocale({ query: "xx" })).toBe("nb");
    expect(customerLocale({})).toBe("nb");
  });
});
