"use client";

import { useI18n } from "~/i18n/i18n-provider";
import { SettingsTitle } from "./settings-title";

export function OwnersOnly() {
  const { t } = useI18n();
  return (
    <main className="space-y-2 p-6">
      <SettingsTitle />
      <p className="text-slate-700">{t.ownersOnly}</p>
    </main>
  );
}
