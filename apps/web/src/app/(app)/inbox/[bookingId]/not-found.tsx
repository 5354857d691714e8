import { cookies } from "next/headers";
import Link from "next/link";
import { LOCALES, LOCALE_COOKIE, toLocale } from "~/i18n/messages";

export default async function ThreadNotFound() {
  const t = LOCALES[toLocale((await cookies()).get(LOCALE_COOKIE)?.value)];
  return (
    <main className="flex h-full flex-col items-center justify-center gap-3 p-6 text-center">
      <h1 className="sr-only">{t.inbox}</h1>
      <p role="alert" className="max-w-md text-slate-700">
        {t.threadNotFound}
      </p>
      <Link href="/inbox" className="text-blue-700 underline">
        {t.inbox}
      </Link>
    </main>
  );
}
