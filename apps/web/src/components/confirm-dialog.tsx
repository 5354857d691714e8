"use client";

import { useId, useLayoutEffect, useRef } from "react";

/**
 * Asks before something that cannot be taken back. A modal <dialog>: the page behind is inert, focus
 * starts on the safe choice, Escape cancels, and closing returns focus to what opened it.
 */
export function ConfirmDialog({
  open,
  title,
  text,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  text: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const textId = useId();

  // Before paint: the dialog never shows a frame out of step with `open`.
  useLayoutEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      cancel.current?.focus();
    } else if (!open && element.open) {
      element.close();
    }
  }, [open]);

  return (
    <dialog
      ref={dialog}
      role="alertdialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
      className="m-auto w-[min(26rem,calc(100vw-2rem))] rounded-xl bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/60"
    >
      <div className="space-y-3 p-5">
        <h2 id={titleId} className="text-lg font-semibold break-words">
          {title}
        </h2>
        <p id={textId} className="text-sm text-slate-700">
          {text}
        </p>
        <div className="flex flex-wrap justify-end gap-2 pt-2">
          <button
            ref={cancel}
            type="button"
            onClick={onCancel}
            className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50 focus:outline-2 focus:outline-offset-2 focus:outline-blue-600"
          >
            {cancelLabel}
          </button>
          <button
            type="button"
            onClick={onConfirm}
            className="rounded-md bg-red-700 px-3 py-1.5 font-medium text-white hover:bg-red-800 focus:outline-2 focus:outline-offset-2 focus:outline-blue-600"
          >
            {confirmLabel}
          </button>
        </div>
      </div>
    </dialog>
  );
}
