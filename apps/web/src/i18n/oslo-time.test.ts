import { describe, expect, it } from "vitest";
import { fromOsloInput, fromOsloWallClock, osloWallClock, toOsloInput } from "./oslo-time";

describe("Oslo wall-clock times", () => {
  it("reads 08:00 in winter (UTC+1) and summer (UTC+2)", () => {
    expect(fromOsloWallClock(2026, 11, 27, 8).toISOString()).toBe("2026-11-27T07:00:00.000Z");
    expect(fromOsloWallClock(2026, 7, 1, 8).toISOString()).toBe("2026-07-01T06:00:00.000Z");
  });

  it("gets the days the clocks change right", () => {
    // 29 March 2026: 02:00 becomes 03:00; 25 October 2026: 03:00 becomes 02:00.
    expect(fromOsloWallClock(2026, 3, 29, 8).toISOString()).toBe("2026-03-29T06:00:00.000Z");
    expect(fromOsloWallClock(2026, 3, 28, 8).toISOString()).toBe("2026-03-28T07:00:00.000Z");
    expect(fromOsloWallClock(2026, 10, 25, 8).toISOString()).toBe("2026-10-25T07:00:00.000Z");
  });

  it("rolls over past a month's end, and round-trips a datetime-local value", () => {
    expect(fromOsloWallClock(2026, 11, 31, 8).toISOString()).toBe("2026-12-01T07:00:00.000Z");
    expect(toOsloInput(fromOsloInput("2026-12-24T15:30")!)).toBe("2026-12-24T15:30");
    expect(fromOsloInput("not a time")).toBeNull();
    expect(osloWallClock(new Date("2026-11-26T23:30:00Z"))).toMatchObject({ day: 27, hour: 0, minute: 30, weekday: 5 });
  });
});
