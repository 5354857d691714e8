"use client";

// useSlashTemplates: typing `/` at the start of the composer's text lists the workshop's templates,
// filtered by name as the user types (`/bil` → "Bilen er klar"). Arrow keys move, Enter (or Tab) inserts
// the chosen one, Escape closes the list until the text changes. A click on an option inserts it too.
//
// Arguments ({ ... }):
//   text      string: the composer's current text.
//   booking   { booking, customer, workshop? }: as for TemplateMenu (the thread's booking and customer).
//   onInsert  ({ text, templateId, bookingStatus }) => void: replace the composer's whole text (the `/query`)
//             with `text`, and remember `templateId` to send as `template_id` (see TemplateMenu).
//   language  "nb" (default) | "en".
//   enabled   optional, default true: e.g. false for internal notes.
//
// Returns:
//   open          boolean: the list is showing.
//   popup         ReactNode | null: render it inside a `relative` container around the textarea; it sits
//                 above the text (`absolute bottom-full`).
//   onKeyDown     (event) => boolean: call it first in the textarea's onKeyDown; true means the key was the
//                 list's (it called preventDefault), so the composer must not send on that Enter.
//   textareaProps spread on the textarea: combobox attributes for screen readers while the list is open.
//   close         () => void.

import { useId, useState, type KeyboardEvent, type ReactNode } from "react";
import type { TemplateLanguage } from "@minbil/contracts/templates/template-variables";
import { useI18n } from "~/i18n/i18n-provider";
import { matchTemplates, slashQuery } from "./template-query";
import { useTemplates, type TemplateBooking, type TemplateInsert } from "./use-templates";

export type SlashTemplates = ReturnType<typeof useSlashTemplates>;

export function useSlashTemplates({
  text,
  booking,
  onInsert,
  language = "nb",
  enabled = true,
}: {
  text: string;
  booking: TemplateBooking;
  onInsert: (insert: TemplateInsert) => void;
  language?: TemplateLanguage;
  enabled?: boolean;
}) {
  const { t } = useI18n();
  const query = enabled ? slashQuery(text) : null;
  // Loaded with the composer, not at the first `/`: a quick `/bil` + Enter finds the list there.
  const { templates, loading, toInsert } = useTemplates({ booking, language, enabled });
  const [active, setActive] = useState(0);
  const [dismissedFor, setDismissedFor] = useState<string | null>(null);
  const [lastQuery, setLastQuery] = useState<string | null>(null);
  const listId = useId();

  // A new query starts at the first match (state adjusted while rendering, as React recommends).
  if (query !== lastQuery) {
    setLastQuery(query);
    setActive(0);
    if (query === null) setDismissedFor(null);
  }

  const matches = query === null ? [] : matchTemplates(templates, query).slice(0, 8);
  const open = query !== null && dismissedFor !== text;
  const activeIndex = Math.min(active, Math.max(matches.length - 1, 0));
  const optionId = (index: number) => `${listId}-option-${index}`;

  function choose(index: number) {
    const template = matches[index];
    if (!template) return;
    onInsert(toInsert(template));
  }

  function close() {
    setDismissedFor(text);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean {
    if (!open || event.nativeEvent.isComposing) return false;
    if ((event.key === "ArrowDown" || event.key === "ArrowUp") && matches.length) {
      setActive((activeIndex + (event.key === "ArrowDown" ? 1 : -1) + matches.length) % matches.length);
    } else if ((event.key === "Enter" || event.key === "Tab") && !event.shiftKey && matches.length) {
      choose(activeIndex);
    } else if (event.key === "Enter" && !event.shiftKey) {
      // The list is on its way, or nothing matches: Enter must not send "/bil" to the customer
      // (Escape closes the list; then Enter sends the text as it is).
    } else if (event.key === "Escape") {
      close();
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  }

  let popup: ReactNode = null;
  if (open) {
    popup = (
      <div className="absolute bottom-full left-3 z-20 mb-1 w-80 max-w-[calc(100vw-2rem)] overflow-hidden rounded-md border border-slate-200 bg-white py-1 shadow-lg">
        {matches.length > 0 ? (
          <ul id={listId} role="listbox" aria-label={t.templates.menuLabel} data-testid="template-slash-list">
            {matches.map((template, index) => (
              <li
                key={template.id}
                id={optionId(index)}
                role="option"
                aria-selected={index === activeIndex}
                // Chosen with the mouse without taking focus from the text.
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(index);
                }}
                className={`flex min-h-11 cursor-pointer flex-col justify-center px-3 text-sm md:min-h-9 ${index === activeIndex ? "bg-blue-50" : ""}`}
              >
                <span className="font-medium">
                  {template.name}
                  {template.booking_status && (
                    <span className="ml-2 text-xs font-normal text-emerald-800">
                      {t.templates.setsStatus(t.statuses[template.booking_status])}
                    </span>
                  )}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p role="status" className="px-3 py-2 text-sm text-slate-600">
            {loading ? t.templates.loading : t.templates.noMatch}
          </p>
        )}
      </div>
    );
  }

  return {
    open,
    popup,
    onKeyDown,
    close,
    /** For the textarea while the list is open (a combobox for screen readers). */
    textareaProps:
      open && matches.length
        ? ({ "aria-controls": listId, "aria-activedescendant": optionId(activeIndex), "aria-expanded": true } as const)
        : {},
  };
}
