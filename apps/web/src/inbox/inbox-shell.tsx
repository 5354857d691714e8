"use client";

import { useState } from "react";
import { ThreadList } from "./thread-list";
import { ThreadView } from "./thread-view";
import { useLiveEvents } from "./use-live-events";
import { NO_FILTERS, type ListFilters } from "./list-query";
import { useI18n } from "~/i18n/i18n-provider";

/**
 * The inbox: thread list and the open thread side by side on wide screens; on a phone one at a time
 * (the list at /inbox, the thread at /inbox/<booking id>).
 */
export function InboxShell({ selectedId }: { selectedId: number | null }) {
  const { t } = useI18n();
  const [filters, setFilters] = useState<ListFilters>(NO_FILTERS);
  const live = useLiveEvents();

  return (
    <div className="flex h-full">
      <h1 className="sr-only">{t.inbox}</h1>
      <aside className={`${selectedId ? "hidden md:flex" : "flex"} w-full flex-col border-r border-slate-200 bg-white md:w-96 md:shrink-0`}>
        <ThreadList selectedId={selectedId} filters={filters} onFiltersChange={setFilters} />
      </aside>
      <main className={`${selectedId ? "flex" : "hidden md:flex"} min-w-0 flex-1 flex-col`}>
        {selectedId ? (
          <ThreadView key={selectedId} bookingId={selectedId} />
        ) : (
          <p className="m-auto p-6 text-slate-600">{t.selectThread}</p>
        )}
      </main>
      <p aria-live="polite" className="sr-only">
        {live === "live" ? t.live : t.reconnecting}
      </p>
    </div>
  );
}
