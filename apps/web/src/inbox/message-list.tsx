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
}: {
  messages: MessageDto[];
  hasOlder: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => void;
}) {
  const { t, format } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const top = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const previous = useRef({ first: messages[0]?.id, height: 0 });

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
    <div
      ref={scroller}
      onScroll={(event) => {
        const element = event.currentTarget;
        atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 80;
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
            <li key={message.id}>
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
  );
}
