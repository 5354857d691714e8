import { LOCALES, type Locale } from "~/i18n/messages";

/** Shown instead of the inbox while the database cannot be reached: a clear page, not a redirect loop. */
export function ServiceUnavailable({ locale }: { locale: Locale }) {
  const t = LOCALES[locale];
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div role="alert" className="max-w-sm space-y-3 rounded-xl bg-white p-6 text-center shadow-sm ring-1 ring-slate-200">
        <h1 className="text-xl font-semibold">{t.appName}</h1>
        <p>{t.serviceUnavailable}</p>
        <a href="" className="inline-block rounded-md bg-blue-700 px-3 py-2 font-medium text-white hover:bg-blue-800">
          {t.tryAgain}
        </a>
      </div>
    </main>
  );
}
