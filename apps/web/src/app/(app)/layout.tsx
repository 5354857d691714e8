import { redirect } from "next/navigation";
import { cookies } from "next/headers";
import { getStaffSession } from "~/server/auth/staff-session";
import { TRPCReactProvider } from "~/trpc/react";
import { HydrateClient, getQueryClient, trpc } from "~/trpc/server";
import { I18nProvider } from "~/i18n/i18n-provider";
import { LOCALE_COOKIE, toLocale } from "~/i18n/messages";
import { AppHeader } from "~/components/app-header";

export const dynamic = "force-dynamic";

/** Everything in here is behind sign-in. */
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  if (!(await getStaffSession())) redirect("/login");
  const queryClient = getQueryClient();
  // A session whose user was removed or disabled resolves to nobody: back to sign-in.
  const me = await queryClient.fetchQuery(trpc.auth.me.queryOptions()).catch(() => null);
  if (!me) redirect("/login?error=SessionRequired");
  // Awaited, not streamed: the header renders on the server with the same data the client hydrates.
  await queryClient.prefetchQuery(trpc.messages.unreadSummary.queryOptions());
  const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  return (
    <I18nProvider locale={locale}>
      <TRPCReactProvider>
        <HydrateClient>
          <div className="flex h-dvh flex-col">
            <AppHeader />
            <div className="min-h-0 flex-1">{children}</div>
          </div>
        </HydrateClient>
      </TRPCReactProvider>
    </I18nProvider>
  );
}
