import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import { notFound } from "next/navigation";
import { openCustomerLink } from "@minbil/api/customer-links/open-customer-link";
import { getCustomerView } from "@minbil/api/customer-page/get-customer-view.handler";
import { getServices } from "~/server/services";
import { CLIENT_IP_HEADER } from "~/server/auth/client-ip";
import { LOCALE_COOKIE } from "~/i18n/messages";
import { CustomerPage } from "~/customer/customer-page";
import { customerLocale } from "~/customer/customer-locale";
import { CUSTOMER_TEXT } from "~/customer/customer-text";

export const dynamic = "force-dynamic";

// The link is the credential: never indexed, never sent on as a Referer (see next.config.ts headers too).
export const metadata: Metadata = { title: "MinBil", robots: { index: false, follow: false }, referrer: "no-referrer" };

/**
 * /c/<token>: the customer's page of one booking. Opening it only reads (link previews and mail scanners
 * open links too); a wrong, expired or revoked link shows the one neutral page (not-found.tsx).
 */
export default async function CustomerLinkPage(props: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ lang?: string | string[] }>;
}) {
  const [{ token }, { lang }, requestHeaders, cookieStore] = await Promise.all([props.params, props.searchParams, headers(), cookies()]);
  const locale = customerLocale({
    query: lang,
    cookie: cookieStore.get(LOCALE_COOKIE)?.value,
    acceptLanguage: requestHeaders.get("accept-language"),
  });
  const services = await getServices();
  const { link, waitSeconds } = await openCustomerLink(services, {
    token,
    address: requestHeaders.get(CLIENT_IP_HEADER) ?? "unknown",
    action: "view",
  });
  if (waitSeconds !== null) {
    return (
      <main lang={locale} className="mx-auto max-w-md p-6 text-center">
        <p role="alert">{CUSTOMER_TEXT[locale].errors.rateLimited}</p>
      </main>
    );
  }
  if (!link) notFound();
  const view = await getCustomerView(services, link);
  return (
    <div lang={locale}>
      <CustomerPage token={token} initial={view} locale={locale} />
    </div>
  );
}
