// Estimates are valid "until" a calendar day as the workshop (in Norway) means it: to the end of that
// day in Oslo, whatever the server's time zone. Intl knows Oslo's offset on each date (CET or CEST).

const OSLO = "Europe/Oslo";
// Made once: a formatter costs far more to make than to use, and a thread page formats every estimate's date.
const offsetFormat = new Intl.DateTimeFormat("en-US", { timeZone: OSLO, timeZoneName: "longOffset" });
const dateFormat = new Intl.DateTimeFormat("en-CA", { timeZone: OSLO, year: "numeric", month: "2-digit", day: "2-digit" });

/** Oslo's offset from UTC, in minutes, at an instant. */
function osloOffsetMinutes(at: Date): number {
  const name = offsetFormat.formatToParts(at).find((part) => part.type === "timeZoneName")?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? "");
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
}

/** The last millisecond of `date` (YYYY-MM-DD) in Oslo, as an instant. */
export function endOfOsloDay(date: string): Date {
  const nextMidnightUtc = Date.parse(`${date}T00:00:00.000Z`) + 86_400_000;
  // Oslo's offset around that midnight (a change of offset happens at night, never at midnight).
  const offset = osloOffsetMinutes(new Date(nextMidnightUtc - 3 * 3_600_000));
  return new Date(nextMidnightUtc - offset * 60_000 - 1);
}

/** The Oslo calendar date of an instant, YYYY-MM-DD. */
export function osloDate(at: Date): string {
  return dateFormat.format(at);
}
