import { describe, expect, it } from "vitest";
import { endOfOsloDay, osloDate } from "./oslo-day";

describe("Oslo calendar days", () => {
  it("ends a winter day at 23:59:59.999 CET", () => {
    expect(endOfOsloDay("2026-12-03").toISOString()).toBe("2026-12-03T22:59:59.999Z");
  });
  it("ends a summer day at 23:59:59.999 CEST", () => {
    expect(endOfOsloDay("2026-07-01").toISOString()).toBe("2026-07-01T21:59:59.999Z");
  });
  it("gives back the same date for the day's end", () => {
    expect(osloDate(endOfOsloDay("2026-03-29"))).toBe("2026-03-29");
    expect(osloDate(endOfOsloDay("2026-10-25"))).toBe("2026-10-25");
  });
});
