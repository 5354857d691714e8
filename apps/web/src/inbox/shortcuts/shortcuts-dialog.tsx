"use client";

import { useI18n } from "~/i18n/i18n-provider";
import { SHORTCUTS } from "./shortcut-for";

/** The list of keyboard shortcuts (opened with ?). */
export function ShortcutsDialog({ dialog }: { dialog: React.RefObject<HTMLDialogElement | null> }) {
  const { t } = useI18n();
  return (
    <dialog
      ref={dialog}
      aria-labelledby="shortcuts-title"
      className="m-auto w-[min(24rem,calc(100vw-2rem))] rounded-lg p-0 backdrop:bg-black/40"
      onClick={(event) => event.target === dialog.current && dialog.current?.close()}
      data-testid="shortcuts"
    >
      <div className="flex items-center justify-between border-b border-slate-200 px-4 py-2">
        <h2 id="shortcuts-title" className="font-semibold">
          {t.shortcuts}
        </h2>
        <form method="dialog">
          <button className="min-h-11 rounded px-3 text-sm hover:bg-slate-100 md:min-h-8">{t.close}</button>
        </form>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 p-4 text-sm">
        {Object.entries(SHORTCUTS).map(([key, action]) => (
          <div key={key} className="contents">
            <dt>
              <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono">{key}</kbd>
            </dt>
            <dd>{t.shortcutActions[action]}</dd>
          </div>
        ))}
        <div className="contents">
          <dt>
            <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono">Enter</kbd>
          </dt>
          <dd>{t.shortcutSend}</dd>
        </div>
      </dl>
    </dialog>
  );
}
