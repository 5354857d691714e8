"use client";

import { useRef, useState } from "react";
import { useParams } from "next/navigation";
import { ThreadList } from "./list/thread-list";
import { useLiveEvents } from "./live/use-live-events";
import { NO_FILTERS, type ListFilters } from "./list/list-query";
import { useI18n } from "~/i18n/i18n-provider";
import { NotificationToasts } from "./notifications/notification-toasts";
import { ShortcutsDialog } from "./shortcuts/shortcuts-dialog";
import { useInboxShortcuts } from "./shortcuts/use-inbox-shortcuts";
import { useInboxNotifications } from "./notifications/use-inbox-notifications";

/**
 * The inbox: thread list and the open thread side by side on wide screens; on a phone one at a time
 * (the list at /inbox, the thread at /inbox/<booking id>). It is the inbox's layout, so the list, its
 * filters and its scroll position stay as they are while threads are opened.
 */
export function InboxShell({ children }: { children: React.ReactNode }) {
  const { t } = useI18n();
  const params = useParams<{ bookingId?: string }>();
  const selectedId = params.bookingId && /^\d+$/.test(params.bookingId) ? Number(params.bookingId) : null;
  const threadOpen = params.bookingId !== undefined;
  const [filters, setFilters] = useState<ListFilters>(NO_FILTERS);
  const notifications = useInboxNotifications(selectedId);
  const live = useLiveEvents(notifications.onEvent);
  const order = useRef<number[]>([]);
  const searchBox = useRef<HTMLInputElement>(null);
  const help = useRef<HTMLDialogElement>(null);
  useInboxShortcuts({ selectedId, order, searchBox, help });

  return (
    <div className="flex h-full">
      <h1 className="sr-only">{t.inbox}</h1>
      <aside
        className={`${threadOpen ? "hidden md:flex" : "flex"} w-full flex-col border-r border-slate-200 bg-white md:w-96 md:shrink-0`}
        aria-label={t.inbox}
      >
        <ThreadList
          selectedId={selectedId}
          shown={!threadOpen}
          filters={filters}
          onFiltersChange={setFilters}
          orderRef={order}
          searchBox={searchBox}
        />
      </aside>
      <main id="main" tabIndex={-1} className={`${threadOpen ? "flex" : "hidden md:flex"} min-w-0 flex-1 flex-col focus:outline-none`}>
        {children}
      </main>
      <ShortcutsDialog dialog={help} />
      <NotificationToasts toasts={notifications.toasts} onDismiss={notifications.dismiss} />
      <p aria-live="polite" className="sr-only">
        {live === "live" ? t.live : t.reconnecting}
      </p>
    </div>
  );
}
