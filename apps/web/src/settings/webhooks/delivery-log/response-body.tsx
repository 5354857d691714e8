"use client";

import { useId, useState } from "react";
import { useI18n } from "~/i18n/i18n-provider";

/** Past this many characters a response body is cut, with a button for the whole of it. */
const PREVIEW_CHARS = 200;

/** The start of a receiver's answer: shortened in the list, whole on request. */
export function ResponseBody({ body }: { body: string }) {
  const { t } = useI18n();
  const [whole, setWhole] = useState(false);
  const id = useId();
  const long = body.length > PREVIEW_CHARS;
  return (
    <div className="mt-0.5">
      <span className="text-slate-600">{t.responseBody}:</span>
      <pre
        id={id}
        // A long body scrolls in its own box, which the keyboard can reach.
        tabIndex={whole ? 0 : undefined}
        aria-label={whole ? t.responseBody : undefined}
        className={`mt-0.5 font-mono break-all whitespace-pre-wrap text-slate-900 ${whole ? "max-h-64 overflow-y-auto rounded bg-slate-50 p-1" : ""}`}
        data-testid="response-body"
      >
        {long && !whole ? `${body.slice(0, PREVIEW_CHARS)}…` : body}
      </pre>
      {long && (
        <button type="button" aria-expanded={whole} aria-controls={id} onClick={() => setWhole(!whole)} className="text-blue-800 underline">
          {whole ? t.showLessBody : t.showWholeBody}
        </button>
      )}
    </div>
  );
}
