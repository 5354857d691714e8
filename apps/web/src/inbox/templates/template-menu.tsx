"use client";

// TemplateMenu: a button that opens the workshop's message templates; choosing one inserts it.
//
// Props:
//   booking   { booking, customer, workshop? }: the thread's `booking` and `customer` as the API gives them
//             (ThreadDetailDto fits); the template is filled in from them. `workshop` ({ name }) defaults to
//             the signed-in user's workshop.
//   onInsert  ({ text, templateId, bookingStatus }) => void: called with the template's text filled in for
//             this booking, its id (send it as `template_id` with the message, so the server applies the
//             template's booking status in the same step) and that status (null: none).
//   language  "nb" (default) | "en": which of the template's texts to use.
//   onLanguageChange optional (language) => void: offers Norsk / English at the end of the menu.
//   disabled  optional: while the composer cannot take text (e.g. sending).
//   className optional: for the button.
//
// Keyboard: Enter/Space/ArrowDown opens it with focus on the first template; arrows move, Enter chooses,
// Escape (or a click outside) closes it and focus returns to the button.

import { useEffect, useId, useRef, useState } from "react";
import type { TemplateLanguage } from "@minbil/contracts/templates/template-variables";
import { useI18n } from "~/i18n/i18n-provider";
import { useTemplates, type TemplateBooking, type TemplateInsert } from "./use-templates";

export function TemplateMenu({
  booking,
  onInsert,
  language = "nb",
  onLanguageChange,
  disabled = false,
  className = "",
}: {
  booking: TemplateBooking;
  onInsert: (insert: TemplateInsert) => void;
  language?: TemplateLanguage;
  onLanguageChange?: (language: TemplateLanguage) => void;
  disabled?: boolean;
  className?: string;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const { templates, loading, toInsert } = useTemplates({ booking, language, enabled: open });
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const items = useRef<(HTMLButtonElement | null)[]>([]);

  // Focus the first template once the list is there.
  useEffect(() => {
    if (open && templates.length) items.current[0]?.focus();
  }, [open, templates.length]);

  // A click outside closes it.
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open]);

  function close() {
    setOpen(false);
    button.current?.focus();
  }

  function onMenuKeyDown(event: React.KeyboardEvent<HTMLDivElement>) {
    const index = items.current.findIndex((item) => item === document.activeElement);
    // The templates, then the two languages when offered.
    const count = templates.length + (onLanguageChange && templates.length ? 2 : 0);
    if (event.key === "Escape" || event.key === "Tab") {
      if (event.key === "Escape") event.preventDefault();
      close();
    } else if (count && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      event.preventDefault();
      const next = (index + (event.key === "ArrowDown" ? 1 : -1) + count) % count;
      items.current[next]?.focus();
    } else if (count && (event.key === "Home" || event.key === "End")) {
      event.preventDefault();
      items.current[event.key === "Home" ? 0 : count - 1]?.focus();
    }
  }

  return (
    <div className="relative inline-block">
      <button
        ref={button}
        type="button"
        disabled={disabled}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        // The visible word is the name (WCAG 2.5.3); the longer description is the tooltip.
        title={t.templates.menuLabel}
        onClick={() => setOpen((value) => !value)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
        className={`min-h-11 rounded-md border border-slate-300 px-3 text-sm hover:bg-slate-50 disabled:opacity-60 md:min-h-9 ${className}`}
      >
        {t.templates.menu}
      </button>
      {open && (
        <div
          ref={menu}
          id={menuId}
          role="menu"
          aria-label={t.templates.menuLabel}
          onKeyDown={onMenuKeyDown}
          className="absolute right-0 bottom-full z-20 mb-1 max-h-80 w-80 max-w-[calc(100vw-2rem)] overflow-y-auto rounded-md border border-slate-200 bg-white py-1 shadow-lg"
        >
          {loading && <p className="px-3 py-2 text-sm text-slate-600">{t.templates.loading}</p>}
          {!loading && templates.length === 0 && <p className="px-3 py-2 text-sm text-slate-600">{t.templates.none}</p>}
          {templates.map((template, index) => {
            const insert = toInsert(template);
            return (
              <button
                key={template.id}
                ref={(element) => {
                  items.current[index] = element;
                }}
                type="button"
                role="menuitem"
                tabIndex={-1}
                onClick={() => {
                  onInsert(insert);
                  close();
                }}
                className="block min-h-11 w-full px-3 py-1.5 text-left text-sm hover:bg-blue-50 focus:bg-blue-50 focus:outline-none md:min-h-9"
              >
                <span className="font-medium">{template.name}</span>
                {template.booking_status && (
                  <span className="ml-2 text-xs text-emerald-800">{t.templates.setsStatus(t.statuses[template.booking_status])}</span>
                )}
                <span className="block truncate text-slate-600">{insert.text}</span>
              </button>
            );
          })}
          {onLanguageChange && templates.length > 0 && (
            <div role="group" aria-label={t.templates.languageLabel} className="mt-1 flex border-t border-slate-200 px-2 pt-1">
              {(["nb", "en"] as const).map((choice, offset) => (
                <button
                  key={choice}
                  ref={(element) => {
                    items.current[templates.length + offset] = element;
                  }}
                  type="button"
                  role="menuitemradio"
                  aria-checked={language === choice}
                  tabIndex={-1}
                  onClick={() => onLanguageChange(choice)}
                  className={`min-h-11 flex-1 rounded px-2 text-sm focus:bg-blue-50 focus:outline-none md:min-h-8 ${
                    language === choice ? "font-semibold text-blue-800" : "text-slate-600 hover:bg-slate-50"
                  }`}
                >
                  {language === choice ? "✓ " : ""}
                  {choice === "nb" ? "Norsk" : "English"}
                </button>
              ))}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
