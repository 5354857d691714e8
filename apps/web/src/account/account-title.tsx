"use client";

import { useI18n } from "~/i18n/i18n-provider";

export function AccountTitle() {
  const { t } = useI18n();
  return <h1 className="text-xl font-semibold">{t.account}</h1>;
}
