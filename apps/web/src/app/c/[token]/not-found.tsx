import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE } from "~/i18n/messages";
import { customerLocale } from "~/customer/customer-locale";
import { CUSTOMER_TEXT } from "~/customer/customer-text";

/** The one page for a wrong, expired or revoked customer link: it says nothing about any booking. */
export default async function CustomerLinkNotAvailable() {
  const [requestHeaders, cookieStore] = await Promise.all([headers(), cookies()]);
  const t =
    CUSTOMER_TEXT[customerLocale({ cookie: cookieStore.get(LOCALE_COOKIE)?.value, acceptLanguage: requestHeaders.get("accept-language") })];
  return (
    <main
      data-testid="link-not-available"
      className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-3 p-6 text-center"
    >
      <h1 className="text-xl font-semibold">{t.notAvailableTitle}</h1>
      <p className="text-slate-700">{t.notAvailable}</p>
    </main>
  );
}
