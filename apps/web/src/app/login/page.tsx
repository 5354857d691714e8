import { redirect } from "next/navigation";
import { cookies } from "next/headers";
import { resolvePageAuth } from "~/server/auth/staff-session";
import { safeCallbackPath } from "~/server/auth/safe-callback";
import { I18nProvider } from "~/i18n/i18n-provider";
import { LOCALE_COOKIE, toLocale } from "~/i18n/messages";
import { LanguageSwitch } from "~/components/language-switch";
import { LoginForm, type LoginNotice } from "./login-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "MinBil Innboks" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; callbackUrl?: string; signedOut?: string }>;
}) {
  const { error, callbackUrl, signedOut } = await searchParams;
  const target = safeCallbackPath(callbackUrl);
  // Only a live session (its row not ended, its user enabled) skips the form: a disabled user or an
  // ended session sees the form with a notice, never a redirect loop.
  const live = await resolvePageAuth().then(
    (result) => result.auth !== null,
    () => null,
  );
  if (live) redirect(target);
  const notice: LoginNotice | null =
    live === null ? "unavailable" : error === "SessionRequired" ? "sessionEnded" : signedOut ? "signedOut" : null;
  const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  return (
    <I18nProvider locale={locale}>
      <main className="relative flex min-h-screen items-center justify-center p-4">
        <div className="absolute top-3 right-3 text-sm">
          <LanguageSwitch />
        </div>
        <LoginForm notice={notice} callbackUrl={target} />
      </main>
    </I18nProvider>
  );
}
