import { redirect } from "next/navigation";
import { cookies } from "next/headers";
import { getStaffSession } from "~/server/auth/staff-session";
import { I18nProvider } from "~/i18n/i18n-provider";
import { LOCALE_COOKIE, toLocale } from "~/i18n/messages";
import { LoginForm } from "./login-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "MinBil Innboks" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ error?: string; callbackUrl?: string }> }) {
  if (await getStaffSession()) redirect("/inbox");
  const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  const { error, callbackUrl } = await searchParams;
  return (
    <I18nProvider locale={locale}>
      <main className="flex min-h-screen items-center justify-center p-4">
        <LoginForm expired={error === "SessionRequired"} callbackUrl={callbackUrl?.startsWith("/") ? callbackUrl : "/inbox"} />
      </main>
    </I18nProvider>
  );
}
