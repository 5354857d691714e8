"use client";

import { useI18n } from "~/i18n/i18n-provider";
import { LockIcon } from "~/components/lock-icon";

export type ComposerMode = "reply" | "note";

/** Reply to the customer or write an internal note: two buttons, the chosen one pressed. */
export function ModeSwitch({ mode, onChange }: { mode: ComposerMode; onChange: (mode: ComposerMode) => void }) {
  const { t } = useI18n();
  const option = (value: ComposerMode, label: string, tone: string) => (
    <button
      type="button"
      aria-pressed={mode === value}
      onClick={() => onChange(value)}
      className={`inline-flex min-h-11 items-center gap-1.5 rounded-md px-3 text-sm font-medium md:min-h-8 ${
        mode === value ? tone : "text-slate-600 hover:bg-slate-100"
      }`}
      data-testid={`composer-mode-${value}`}
    >
      {value === "note" && <LockIcon className="h-3.5 w-3.5" />}
      {label}
    </button>
  );
  return (
    <div role="group" aria-label={t.composerMode} className="mb-2 flex gap-1">
      {option("reply", t.replyMode, "bg-blue-50 text-blue-800")}
      {option("note", t.noteMode, "bg-amber-100 text-amber-900")}
    </div>
  );
}
