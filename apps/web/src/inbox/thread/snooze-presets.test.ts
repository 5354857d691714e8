import { describe, expect, it } from "vitest";
import { snoozePresetTime } from "./snooze-presets";

describe("snooze presets", () => {
  // Thursday 26 November 2026, 14:10 in Oslo.
  const now = new Date("2026-11-26T13:10:00Z");

  it("end in three hours, tomorrow at 08 and next Monday at 08, Oslo time", () => {
    expect(snoozePresetTime("hours", now).toISOString()).toBe("2026-11-26T16:10:00.000Z");
    expect(snoozePresetTime("tomorrow", now).toISOString()).toBe("2026-11-27T07:00:00.000Z");
    expect(snoozePresetTime("monday", now).toISOString()).toBe("2026-11-30T07:00:00.000Z");
  });

  it("take a Monday to the next one, and late evening in UTC as Oslo's next day", () => {
    expect(snoozePresetTime("monday", new Date("2026-11-30T09:00:00Z")).toISOString()).toBe("2026-12-07T07:00:00.000Z");
    // 23:30 UTC on Sunday is already Monday 00:30 in Oslo: "tomorrow" is Tuesday.
    expect(snoozePresetTime("tomorrow", new Date("2026-11-29T23:30:00Z")).toISOString()).toBe("2026-12-01T07:00:00.000Z");
  });
});
