import type { CustomerLocale } from "./customer-text";

/** Times, dates and prices as people in Norway read them (Oslo time, NOK), in the page's language. */
export function customerFormat(locale: CustomerLocale) {
  const tag = locale === "nb" ? "nb-NO" : "en-GB";
  const timeZone = "Europe/Oslo";
  const dateTime = new Intl.DateTimeFormat(tag, {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  });
  const date = new Intl.DateTimeFormat(tag, { timeZone, day: "numeric", month: "long", year: "numeric" });
  const money = new Intl.NumberFormat(tag, { style: "currency", currency: "NOK", minimumFractionDigits: 0, maximumFractionDigits: 2 });
  return {
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
    date: (iso: string) => date.format(new Date(iso)),
    /** A calendar day (YYYY-MM-DD) as a date. */
    day: (day: string) => date.format(new Date(`${day}T12:00:00Z`)),
    money: (nok: number) => money.format(nok),
  };
}
