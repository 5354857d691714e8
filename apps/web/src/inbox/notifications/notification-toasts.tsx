"use client";

import Link from "next/link";
import { useI18n } from "~/i18n/i18n-provider";
import type { InboxNotification } from "./notification-for";

/** The page's own notifications, in a corner over the inbox; read out by screen readers as they come. */
export function NotificationToasts({ toasts, onDismiss }: { toasts: InboxNotification[]; onDismiss: (eventId: string) => void }) {
  const { t } = useI18n();
  return (
    <div
      role="status"
      aria-live="polite"
      className="pointer-events-none fixed right-2 bottom-24 z-40 flex w-[min(22rem,calc(100vw-1rem))] flex-col gap-2"
    >
      {toasts.map((toast) => (
        <div
          key={toast.eventId}
          className="pointer-events-auto flex items-start gap-2 rounded-lg border border-slate-200 bg-white p-3 shadow-lg"
          data-testid="notification"
          data-kind={toast.kind}
        >
          <div className="min-w-0 flex-1">
            <p className="truncate text-sm font-semibold">{toast.title}</p>
            {toast.body && <p className="line-clamp-2 text-sm text-slate-700">{toast.body}</p>}
            <Link
              href={`/inbox/${toast.bookingId}`}
              onClick={() => onDismiss(toast.eventId)}
              className="mt-1 inline-flex min-h-11 items-center text-sm font-medium text-blue-700 underline md:min-h-0"
            >
              {t.openThread}
            </Link>
          </div>
          <button
            type="button"
            onClick={() => onDismiss(toast.eventId)}
            aria-label={t.dismiss}
            className="flex h-11 w-11 shrink-0 items-center justify-center rounded text-slate-600 hover:bg-slate-100 md:h-8 md:w-8"
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
