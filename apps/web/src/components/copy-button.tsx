"use client";

import { useState } from "react";
import { useI18n } from "~/i18n/i18n-provider";

/** Copies `text` to the clipboard and says so (or that it could not) in a live region beside it. */
export function CopyButton({ text, label }: { text: string; label?: string }) {
  const { t } = useI18n();
  const [result, setResult] = useState<"copied" | "failed" | null>(null);
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button
        type="button"
        onClick={() => {
          // navigator.clipboard is missing outside secure contexts; say so instead of failing silently.
          const copy = navigator.clipboard?.writeText(text) ?? Promise.reject(new Error("no clipboard"));
          copy.then(
            () => setResult("copied"),
            () => setResult("failed"),
          );
        }}
        className="rounded-md border border-slate-300 bg-white px-2 py-0.5 whitespace-nowrap text-slate-900 hover:bg-slate-50"
      >
        {label ?? t.copy}
      </button>
      <span role="status" className={result === "failed" ? "text-red-700" : "text-green-900"}>
        {result === "copied" ? t.copied : result === "failed" ? t.copyFailed : ""}
      </span>
    </span>
  );
}
