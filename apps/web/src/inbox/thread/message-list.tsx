"use client";

import { useEffect, useLayoutEffect, useRef, useState } from "react";
import type { MessageDto } from "@minbil/contracts/dto";
import { useI18n } from "~/i18n/i18n-provider";
import { MessageBubble } from "./message-bubble";

/**
 * The conversation, grouped by day (Europe/Oslo). Opens at the newest message, follows new ones while
 * the reader is at the bottom, and loads older ones when scrolled to the top without jumping.
 */
export function MessageList({
  messages,
  hasOlder,
  loadingOlder,
  onLoadOlder,
  atSeq,
}: {
  messages: MessageDto[];
  hasOlder: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  /** Open at this message instead of the newest (a search hit): scrolled into view and briefly highlighted. */
  atSeq?: number;
}) {
  const { t, format } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const top = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const previous = useRef({ first: messages[0]?.id, height: 0 });
  // Messages up to this seq have been on screen at the bottom; later ones are new to the reader.
  const lastSeq = messages.reduce((max, message) => Math.max(max, message.seq), 0);
  const [seenSeq, setSeenSeq] = useState(lastSeq);
  // At the bottom, new messages scroll into view by themselves: nothing to point at.
  const [pinned, setPinned] = useState(true);
  const unseen = pinned ? 0 : messages.filter((message) => message.id > 0 && message.seq > seenSeq).length;

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const firstId = messages[0]?.id;
    if (previous.current.first !== undefined && firstId !== previous.current.first && previous.current.height) {
      // Older messages were put above: keep what the reader was looking at in place.
      element.scrollTop += element.scrollHeight - previous.current.height;
    } else if (atBottom.current) {
      element.scrollTop = element.scrollHeight;
    }
    previous.current = { first: firstId, height: element.scrollHeight };
  }, [messages]);

  // Opened at a message: once it is loaded, bring it into view and highlight it for a moment.
  const [highlighted, setHighlighted] = useState<number | null>(null);
  const reached = useRef(false);
  const targetLoaded = atSeq !== undefined && messages.some((message) => message.seq === atSeq);
  useLayoutEffect(() => {
    if (!targetLoaded || reached.current) return;
    const target = scroller.current?.querySelector<HTMLElement>(`[data-seq="${atSeq}"]`);
    if (!target) return;
    reached.current = true;
    atBottom.current = false;
    setPinned(false);
    target.scrollIntoView({ block: "center" });
    setHighlighted(atSeq!);
  }, [targetLoaded, atSeq, messages]);
  useEffect(() => {
    if (highlighted === null) return;
    const timer = setTimeout(() => setHighlighted(null), 2500);
    return () => clearTimeout(timer);
  }, [highlighted]);

  useEffect(() => {
    const element = top.current;
    if (!element || !hasOlder) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries[0]?.isIntersecting && !loadingOlder) onLoadOlder();
      },
      { root: scroller.current },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasOlder, loadingOlder, onLoadOlder]);

  // When the thread was opened: "today" and "yesterday" headers are relative to it.
  const [openedAt] = useState(() => Date.now());
  const today = format.dayKey(new Date(openedAt));
  const yesterday = format.dayKey(new Date(openedAt - 86_400_000));

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      <div
        ref={scroller}
        onScroll={(event) => {
          const element = event.currentTarget;
          atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 80;
          if (atBottom.current !== pinned) setPinned(atBottom.current);
          if (atBottom.current && seenSeq !== lastSeq) setSeenSeq(lastSeq);
        }}
        // Focusable, so the conversation scrolls with the keyboard too (arrows, Page Up/Down).
        tabIndex={0}
        role="region"
        aria-label={t.messages}
        className="min-h-0 flex-1 overflow-y-auto bg-slate-50 px-3 py-4 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-600"
        data-testid="message-list"
      >
        <div ref={top} className="h-6 text-center text-xs text-slate-600">
          {hasOlder ? (loadingOlder ? t.loadingMore : t.olderMessages) : ""}
        </div>
        {messages.length === 0 && <p className="mt-10 text-center text-sm text-slate-600">{t.noMessages}</p>}
        <ol className="space-y-2" aria-live="polite" aria-relevant="additions">
          {messages.map((message, index) => {
            const day = format.dayKey(message.created_at);
            const previous = messages[index - 1];
            const header = !previous || format.dayKey(previous.created_at) !== day;
            return (
              <li
                key={message.id}
                data-seq={message.seq}
                data-search-hit={message.seq === highlighted ? "" : undefined}
                className={`rounded-lg transition-colors duration-700 ${message.seq === highlighted ? "bg-yellow-100" : ""}`}
              >
                {header && (
                  <h3 className="my-3 text-center text-xs font-medium text-slate-600">
                    {day === today ? t.today : day === yesterday ? t.yesterday : format.day(message.created_at)}
                  </h3>
                )}
                <MessageBubble message={message} />
              </li>
            );
          })}
        </ol>
      </div>
      {unseen > 0 && (
        // Scrolled up to read older messages while new ones came: say so, and take the reader down.
        <button
          type="button"
          onClick={() => scroller.current?.scrollTo({ top: scroller.current.scrollHeight, behavior: "smooth" })}
          className="absolute bottom-3 left-1/2 min-h-11 -translate-x-1/2 rounded-full bg-blue-700 px-4 text-sm font-medium text-white shadow-md hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 md:min-h-9"
          data-testid="new-messages"
        >
          {t.newMessagesBelow(unseen)}
        </button>
      )}
    </div>
  );
}
