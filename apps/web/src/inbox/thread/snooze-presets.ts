import { fromOsloWallClock, osloWallClock } from "~/i18n/oslo-time";

export type SnoozePreset = "hours" | "tomorrow" | "monday";

/** When each snooze preset ends, from `now`: in three hours; tomorrow at 08; next Monday at 08 (Oslo time). */
export function snoozePresetTime(preset: SnoozePreset, now = new Date()): Date {
  if (preset === "hours") return new Date(now.getTime() + 3 * 3_600_000);
  const today = osloWallClock(now);
  const days = preset === "tomorrow" ? 1 : (8 - today.weekday) % 7 || 7;
  return fromOsloWallClock(today.year, today.month, today.day + days, 8);
}
