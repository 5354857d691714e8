"use client";

import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import { mentionAt, mentionCandidates } from "./mention-query";

export type MentionPicker = ReturnType<typeof useMentionPicker>;

/**
 * @-mentions in a note: typing `@` and the start of a colleague's name lists the matching staff
 * (arrows, Enter or Tab to choose, Escape to close); the chosen one is written as `@Name `. The
 * composer calls `onCaretMove` and `onKeyDown` from its textarea's handlers; `MentionPopup` shows the list.
 */
export function useMentionPicker({
  textarea,
  text,
  enabled,
  onInsert,
}: {
  textarea: RefObject<HTMLTextAreaElement | null>;
  text: string;
  /** Only notes mention colleagues. */
  enabled: boolean;
  onInsert: (next: string) => void;
}) {
  const trpc = useTRPC();
  const staff = useQuery({ ...trpc.staff.list.queryOptions(), enabled }).data ?? [];
  const [at, setAt] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const caretAfter = useRef<number | null>(null);
  const listId = useId();

  const candidates = enabled && at ? mentionCandidates(staff, at.query).slice(0, 6) : [];
  const open = candidates.length > 0 && at !== null && at.start !== dismissedAt;
  const activeIndex = Math.min(active, Math.max(candidates.length - 1, 0));

  function onCaretMove(element: HTMLTextAreaElement) {
    const found = enabled ? mentionAt(element.value, element.selectionStart) : null;
    if (found?.start !== at?.start || found?.query !== at?.query) {
      setAt(found);
      setActive(0);
    }
  }

  function choose(index: number) {
    const candidate = candidates[index];
    if (!candidate || !at) return;
    const end = at.start + 1 + at.query.length;
    const inserted = `@${candidate.handle} `;
    onInsert(text.slice(0, at.start) + inserted + text.slice(end));
    caretAfter.current = at.start + inserted.length;
    setAt(null);
  }

  useLayoutEffect(() => {
    const caret = caretAfter.current;
    if (caret === null || !textarea.current) return;
    caretAfter.current = null;
    textarea.current.focus();
    textarea.current.setSelectionRange(caret, caret);
  });

  /** Handles the list's keys; true when the key was the list's. */
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean {
    if (!open || event.nativeEvent.isComposing) return false;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      setActive((activeIndex + (event.key === "ArrowDown" ? 1 : -1) + candidates.length) % candidates.length);
    } else if ((event.key === "Enter" || event.key === "Tab") && !event.shiftKey) {
      choose(activeIndex);
    } else if (event.key === "Escape") {
      setDismissedAt(at?.start ?? null);
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  }

  const optionId = (index: number) => `${listId}-option-${index}`;
  return {
    open,
    candidates,
    activeIndex,
    listId,
    optionId,
    choose,
    onCaretMove,
    onKeyDown,
    /** For the textarea while the list is open (a combobox for screen readers). */
    textareaProps: open ? { "aria-controls": listId, "aria-activedescendant": optionId(activeIndex), "aria-expanded": true } : {},
  };
}
