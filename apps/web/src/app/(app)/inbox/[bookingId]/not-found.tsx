import { cookies } from "next/headers";
import Link from "next/link";
import { LOCALES, LOCALE_COOKIE, toLocale } from "~/i18n/messages";

/** A thread that does not exist, or is another workshop's: said in the conversation's place, beside the list. */
export default async function ThreadNotFound() {
  const t = LOCALES[toLocale((await cookies()).get(LOCALE_COOKIE)?.value)];
  return (
    <div className="flex h-full flex-col items-center justify-center gap-3 p-6 text-center">
      <p role="alert" className="max-w-md text-slate-700">
        {t.threadNotFound}
      </p>
      <Link href="/inbox" className="text-blue-700 underline">
        {t.inbox}
      </Link>
    </div>
  );
}
