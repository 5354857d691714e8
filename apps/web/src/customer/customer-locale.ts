import type { CustomerLocale } from "./customer-text";

/**
 * The page's language: the one the customer chose (`?lang=`), else the inbox's language cookie on this
 * device, else the browser's preference; bokmål unless English is asked for.
 */
export function customerLocale(options: { query?: string | string[]; cookie?: string; acceptLanguage?: string | null }): CustomerLocale {
  const chosen = Array.isArray(options.query) ? options.query[0] : options.query;
  if (chosen === "en" || chosen === "nb") return chosen;
  if (options.cookie === "en" || options.cookie === "nb") return options.cookie;
  const first = options.acceptLanguage?.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : "nb";
}
