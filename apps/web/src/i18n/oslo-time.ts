import { TIME_ZONE } from "./format";

// Times people pick ("tomorrow at 08", a snooze's date and time) are Norwegian wall-clock times, as
// every time on the pages is shown in Europe/Oslo whatever the browser's zone. Intl formats into a
// zone but cannot parse from one; two lines of arithmetic do, which is why this is not a library.

const parts = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  weekday: "short",
});

/** The Oslo wall clock at an instant. */
export function osloWallClock(at: Date) {
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.formatToParts(at).find((part) => part.type === type)!.value;
  return {
    year: Number(get("year")),
    month: Number(get("month")),
    day: Number(get("day")),
    hour: Number(get("hour")),
    minute: Number(get("minute")),
    weekday: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(get("weekday")),
  };
}

/** The instant when Oslo's clock shows this date and time (month 1–12; days past the month's end roll over). */
export function fromOsloWallClock(year: number, month: number, day: number, hour: number, minute = 0): Date {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  // Oslo is UTC+1 or +2: read the offset at the guess, then once more at the result (for the days the clocks change).
  let result = asUtc - offsetAt(new Date(asUtc));
  result = asUtc - offsetAt(new Date(result));
  return new Date(result);
}

function offsetAt(at: Date): number {
  const wall = osloWallClock(at);
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute) - Math.floor(at.getTime() / 60_000) * 60_000;
}

/** "2026-11-27T08:00", as a datetime-local input holds it, read as Oslo time; null when it is not one. */
export function fromOsloInput(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  return fromOsloWallClock(y, mo, d, h, mi);
}

/** An instant as a datetime-local input's value, in Oslo time. */
export function toOsloInput(at: Date): string {
  const wall = osloWallClock(at);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}`;
}
