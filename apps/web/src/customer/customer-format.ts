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
  const kroner = new Intl.NumberFormat(tag, { style: "currency", currency: "NOK", minimumFractionDigits: 0, maximumFractionDigits: 0 });
  const withOre = new Intl.NumberFormat(tag, { style: "currency", currency: "NOK", minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return {
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
    date: (iso: string) => date.format(new Date(iso)),
    /** A calendar day (YYYY-MM-DD) as a date. */
    day: (day: string) => date.format(new Date(`${day}T12:00:00Z`)),
    /** Whole kroner without øre ("2 490 kr"), otherwise with both digits of øre ("349,50 kr"). */
    money: (nok: number) => (Number.isInteger(nok) ? kroner : withOre).format(nok),
  };
}
