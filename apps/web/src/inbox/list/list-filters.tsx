"use client";

import { useEffect, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { BOOKING_STATUSES, THREAD_STATES } from "@minbil/contracts/values";
import { useTRPC } from "~/trpc/react";
import { useI18n } from "~/i18n/i18n-provider";
import { stateCountsInput, type ListFilters, type ListView } from "./list-query";

const VIEWS: ListView[] = ["all", "mine", "unassigned"];

/**
 * Above the list: search (also in message texts), whose threads (all, mine, unassigned), which state
 * (with how many threads each holds), and the finer filters: unread only and the booking's status.
 */
export function ListFilterBar({
  filters,
  onFiltersChange,
  myId,
  searchBox,
}: {
  filters: ListFilters;
  onFiltersChange: (filters: ListFilters) => void;
  myId: string | undefined;
  searchBox: React.RefObject<HTMLInputElement | null>;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const [search, setSearch] = useState(filters.q);
  // A search looks in every state (a thread marked done is still worth finding); the state chosen
  // before comes back when the search box is emptied.
  const stateBeforeSearch = useRef<ListFilters["state"] | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => {
      if (search === filters.q) return;
      let state = filters.state;
      if (!filters.q.trim() && search.trim()) {
        stateBeforeSearch.current = filters.state;
        state = "";
      } else if (filters.q.trim() && !search.trim() && stateBeforeSearch.current !== null) {
        state = stateBeforeSearch.current;
        stateBeforeSearch.current = null;
      }
      onFiltersChange({ ...filters, q: search, state });
    }, 250);
    return () => clearTimeout(timer);
  }, [search, filters, onFiltersChange]);
  const counts = useQuery(trpc.messages.stateCounts.queryOptions(stateCountsInput(filters.view, myId))).data;
  const chip = (active: boolean) =>
    `min-h-11 shrink-0 rounded-full px-3 text-sm whitespace-nowrap md:min-h-8 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 ${
      active ? "bg-blue-700 text-white" : "bg-slate-100 text-slate-800 hover:bg-slate-200"
    }`;

  return (
    <div className="space-y-2 border-b border-slate-200 p-3">
      <div className="flex gap-2">
        <label className="min-w-0 flex-1">
          <span className="sr-only">{t.search}</span>
          <input
            ref={searchBox}
            type="search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            onKeyDown={(event) => event.key === "Escape" && event.currentTarget.blur()}
            placeholder={t.search}
            className="min-h-11 w-full rounded-md border border-slate-300 px-3 text-sm md:min-h-9"
            data-testid="search"
          />
        </label>
        <label className="shrink-0">
          <span className="sr-only">{t.status}</span>
          <select
            value={filters.status}
            onChange={(event) => onFiltersChange({ ...filters, status: event.target.value as ListFilters["status"] })}
            className="min-h-11 max-w-36 rounded-md border border-slate-300 bg-white px-2 text-sm md:min-h-9"
          >
            <option value="">{t.allStatuses}</option>
            {BOOKING_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t.statuses[status]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div role="group" aria-label={t.viewLabel} className="flex gap-1.5">
        {VIEWS.map((view) => (
          <button
            key={view}
            type="button"
            aria-pressed={filters.view === view}
            onClick={() => onFiltersChange({ ...filters, view })}
            className={chip(filters.view === view)}
          >
            {t.views[view]}
          </button>
        ))}
        <button
          type="button"
          aria-pressed={filters.unread}
          onClick={() => onFiltersChange({ ...filters, unread: !filters.unread })}
          className={`${chip(filters.unread)} ml-auto`}
          data-testid="unread-filter"
        >
          {t.unread}
        </button>
      </div>
      <div role="group" aria-label={t.stateLabel} className="-mx-3 flex gap-1.5 overflow-x-auto px-3 pb-0.5" data-testid="state-tabs">
        {THREAD_STATES.map((state) => (
          <button
            key={state}
            type="button"
            aria-pressed={filters.state === state}
            onClick={() => onFiltersChange({ ...filters, state })}
            className={chip(filters.state === state)}
            data-testid={`state-${state}`}
          >
            {t.stateTabs[state]}
            {counts && (
              <span className={`ml-1.5 tabular-nums ${filters.state === state ? "text-blue-100" : "text-slate-600"}`}>{counts[state]}</span>
            )}
          </button>
        ))}
        <button
          type="button"
          aria-pressed={filters.state === ""}
          onClick={() => onFiltersChange({ ...filters, state: "" })}
          className={chip(filters.state === "")}
        >
          {t.allStates}
        </button>
      </div>
    </div>
  );
}
