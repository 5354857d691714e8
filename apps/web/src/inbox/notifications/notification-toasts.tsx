"use client";

import Link from "next/link";
import { useI18n } from "~/i18n/i18n-provider";
import type { InboxNotification } from "./notification-for";

/**
 * The page's own notifications, in one slot over the inbox; read out by screen readers as they come.
 * The newest is shown and the others are counted: a stack of toasts would cover a phone's list, and
 * toasts moving up and down as others come and go make the page jump under the person's thumb. The
 * slot keeps its size (one title line, two body lines), so a newer notification replaces the text only.
 */
export function NotificationToasts({ toasts, onDismiss }: { toasts: InboxNotification[]; onDismiss: () => void }) {
  const { t } = useI18n();
  const [newest] = toasts;
  return (
    <div role="status" aria-live="polite" className="pointer-events-none fixed right-2 bottom-24 z-40 w-[min(22rem,calc(100vw-1rem))]">
      {newest && (
        <div
          className="pointer-events-auto flex items-start gap-2 rounded-lg border border-slate-200 bg-white p-3 shadow-lg"
          data-testid="notification"
          data-kind={newest.kind}
        >
          <div className="min-w-0 flex-1">
            <p className="flex gap-2 text-sm font-semibold">
              <span className="truncate">{newest.title}</span>
              {toasts.length > 1 && (
                <span className="ml-auto shrink-0 font-normal text-slate-600">{t.moreNotifications(toasts.length - 1)}</span>
              )}
            </p>
            <p className="line-clamp-2 min-h-10 text-sm text-slate-700">{newest.body}</p>
            <Link
              href={`/inbox/${newest.bookingId}`}
              onClick={onDismiss}
              className="mt-1 inline-flex min-h-11 items-center text-sm font-medium text-blue-700 underline md:min-h-0"
            >
              {t.openThread}
            </Link>
          </div>
          <button
            type="button"
            onClick={onDismiss}
            aria-label={t.dismiss}
            className="flex h-11 w-11 shrink-0 items-center justify-center rounded text-slate-600 hover:bg-slate-100 md:h-8 md:w-8"
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}
