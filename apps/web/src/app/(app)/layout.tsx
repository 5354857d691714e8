import { redirect } from "next/navigation";
import { cookies } from "next/headers";
import { resolvePageAuth } from "~/server/auth/staff-session";
import { TRPCReactProvider } from "~/trpc/react";
import { HydrateClient, getQueryClient, trpc } from "~/trpc/server";
import { I18nProvider } from "~/i18n/i18n-provider";
import { LOCALE_COOKIE, toLocale } from "~/i18n/messages";
import { AppHeader, MAIN_ID } from "~/components/app-header";
import { ServiceUnavailable } from "./service-unavailable";

export const dynamic = "force-dynamic";

/** Everything in here is behind sign-in. */
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  // The session is checked as every API request checks it; while the database is down, say so plainly.
  const result = await resolvePageAuth().catch(() => null);
  if (!result) return <ServiceUnavailable locale={locale} />;
  // No cookie: sign in. An ended session (signed out elsewhere, disabled user): sign in, with a notice.
  if (!result.auth) redirect(result.failure === "missing" ? "/login" : "/login?error=SessionRequired");
  const queryClient = getQueryClient();
  // Awaited, not streamed: the header renders on the server with the same data the client hydrates.
  await Promise.all([
    queryClient.prefetchQuery(trpc.auth.me.queryOptions()),
    queryClient.prefetchQuery(trpc.messages.unreadSummary.queryOptions()),
  ]);
  return (
    <I18nProvider locale={locale}>
      <TRPCReactProvider>
        <HydrateClient>
          <div className="flex h-dvh flex-col">
            <AppHeader />
            <div id={MAIN_ID} tabIndex={-1} className="min-h-0 flex-1 outline-none">
              {children}
            </div>
          </div>
        </HydrateClient>
      </TRPCReactProvider>
    </I18nProvider>
  );
}
