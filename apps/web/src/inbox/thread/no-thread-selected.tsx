"use client";

import { useI18n } from "~/i18n/i18n-provider";

export function NoThreadSelected() {
  const { t } = useI18n();
  return (
    <div className="m-auto p-6 text-center text-slate-600">
      <p>{t.selectThread}</p>
      <p className="mt-2 hidden text-sm md:block">{t.shortcutsHint}</p>
    </div>
  );
}
