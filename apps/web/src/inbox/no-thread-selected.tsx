"use client";

import { useI18n } from "~/i18n/i18n-provider";

export function NoThreadSelected() {
  const { t } = useI18n();
  return <p className="m-auto p-6 text-slate-600">{t.selectThread}</p>;
}
