import type { Locale } from "./messages";

/** Dates and times as people in Norway read them: in Europe/Oslo, whatever the browser's zone. */
export const TIME_ZONE = "Europe/Oslo";

export function makeFormatters(locale: Locale) {
  const tag = locale === "nb" ? "nb-NO" : "en-GB";
  const time = new Intl.DateTimeFormat(tag, { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit" });
  const day = new Intl.DateTimeFormat(tag, { timeZone: TIME_ZONE, weekday: "long", day: "numeric", month: "long" });
  const short = new Intl.DateTimeFormat(tag, { timeZone: TIME_ZONE, day: "numeric", month: "short" });
  const date = new Intl.DateTimeFormat(tag, { timeZone: TIME_ZONE, day: "numeric", month: "long", year: "numeric" });
  const dateTime = new Intl.DateTimeFormat(tag, {
    timeZone: TIME_ZONE,
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  });
  // Log entries a second apart (webhook attempts) need their seconds.
  const dateTimeSeconds = new Intl.DateTimeFormat(tag, {
    timeZone: TIME_ZONE,
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  const dayKeyFormat = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });
  const bytes = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
  const kroner = new Intl.NumberFormat(tag, { style: "currency", currency: "NOK", minimumFractionDigits: 0, maximumFractionDigits: 0 });
  const withOre = new Intl.NumberFormat(tag, { style: "currency", currency: "NOK", minimumFractionDigits: 2, maximumFractionDigits: 2 });

  const dayKey = (iso: string | Date) => dayKeyFormat.format(new Date(iso));
  return {
    time: (iso: string) => time.format(new Date(iso)),
    day: (iso: string) => day.format(new Date(iso)),
    /** A date with its year: "19. juni 2026". */
    date: (iso: string) => date.format(new Date(iso)),
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
    dateTimeSeconds: (iso: string) => dateTimeSeconds.format(new Date(iso)),
    dayKey,
    /** Time today, the date otherwise: for lists. */
    listTime: (iso: string, now = new Date()) => (dayKey(iso) === dayKey(now) ? time.format(new Date(iso)) : short.format(new Date(iso))),
    /** An amount in NOK, øre only when there are any: "2 490 kr", "349,50 kr". */
    money: (nok: number) => (Number.isInteger(nok) ? kroner : withOre).format(nok),
    /** A calendar day (YYYY-MM-DD) with its year. */
    calendarDay: (day: string) => date.format(new Date(`${day}T12:00:00Z`)),
    fileSize: (size: number) =>
      size < 1024 ? `${size} B` : size < 1024 * 1024 ? `${bytes.format(size / 1024)} kB` : `${bytes.format(size / 1024 / 1024)} MB`,
  };
}

export type Formatters = ReturnType<typeof makeFormatters>;
