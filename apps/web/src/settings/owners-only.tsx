"use client";

import { useI18n } from "~/i18n/i18n-provider";

export function OwnersOnly() {
  const { t } = useI18n();
  return <p className="p-6 text-slate-600">{t.ownersOnly}</p>;
}
