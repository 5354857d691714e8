"use client";

import { useRouter } from "next/navigation";
import { useI18n } from "~/i18n/i18n-provider";
import { LOCALE_COOKIE, type Locale } from "~/i18n/messages";

export function LanguageSwitch() {
  const { locale, t } = useI18n();
  const router = useRouter();
  function choose(next: Locale) {
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  }
  return (
    <label className="flex items-center gap-1">
      <span className="sr-only">{t.language}</span>
      <select
        value={locale}
        onChange={(event) => choose(event.target.value as Locale)}
        className="min-h-11 rounded-md border border-slate-300 bg-white px-1 py-0.5 md:min-h-0"
      >
        <option value="nb">Norsk</option>
        <option value="en">English</option>
      </select>
    </label>
  );
}
