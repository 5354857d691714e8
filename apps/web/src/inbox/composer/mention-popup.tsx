"use client";

import { useI18n } from "~/i18n/i18n-provider";
import type { MentionPicker } from "./use-mention-picker";

/** The colleagues an `@` in a note may name, above the composer's text. */
export function MentionPopup({ picker }: { picker: MentionPicker }) {
  const { t } = useI18n();
  if (!picker.open) return null;
  return (
    <ul
      id={picker.listId}
      role="listbox"
      aria-label={t.mentionSuggestions}
      className="absolute bottom-full left-3 z-20 mb-1 w-64 overflow-hidden rounded-md border border-slate-200 bg-white py-1 shadow-lg"
      data-testid="mention-list"
    >
      {picker.candidates.map((candidate, index) => (
        <li
          key={candidate.member.id}
          id={picker.optionId(index)}
          role="option"
          aria-selected={index === picker.activeIndex}
          // Chosen with the mouse without taking focus from the text.
          onMouseDown={(event) => {
            event.preventDefault();
            picker.choose(index);
          }}
          className={`flex min-h-11 cursor-pointer items-center gap-2 px-3 text-sm md:min-h-9 ${index === picker.activeIndex ? "bg-blue-50" : ""}`}
        >
          <span className="font-medium">{candidate.member.name}</span>
          <span className="text-slate-600">@{candidate.handle}</span>
        </li>
      ))}
    </ul>
  );
}
