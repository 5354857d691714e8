"use client";

import { useRef, useState } from "react";
import { useMutation, useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import type { ThreadDetailDto } from "@minbil/contracts/dto";
import { BOOKING_STATUSES } from "@minbil/contracts/values";
import { useTRPC } from "~/trpc/react";
import { useI18n } from "~/i18n/i18n-provider";
import { errorMessage } from "~/i18n/error-message";
import { fromOsloInput, toOsloInput } from "~/i18n/oslo-time";
import { snoozePresetTime, type SnoozePreset } from "./snooze-presets";
import { useRefreshLists } from "../live/use-refresh-lists";

type Thread = ThreadDetailDto["data"];
type Change = {
  state?: "open" | "waiting" | "done" | "snoozed";
  snoozed_until?: string;
  assignee_id?: string | null;
  booking_status?: Thread["booking"]["status"];
};

const control =
  "min-h-11 rounded-md border border-slate-300 bg-white px-2 text-sm hover:bg-slate-50 md:min-h-8 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 disabled:opacity-50";

/**
 * Where a thread stands, under its header: done / open again, waiting on the customer, snooze until a
 * time, who has it, and the booking's status (which also leaves a line in the thread). Everyone sees
 * the change live.
 */
export function ThreadActions({
  thread,
  threadKey,
  onMarkUnread,
}: {
  thread: Thread;
  threadKey: QueryKey;
  /** Marks the thread unread for me again; null while it is unread. */
  onMarkUnread: (() => void) | null;
}) {
  const trpc = useTRPC();
  const { t, format } = useI18n();
  const queryClient = useQueryClient();
  const refreshLists = useRefreshLists();
  const staff = useQuery(trpc.staff.list.queryOptions()).data ?? [];
  const myId = useQuery(trpc.auth.me.queryOptions()).data?.user.id;
  const [error, setError] = useState<string | null>(null);
  // On a phone the less frequent controls wait behind "More", so the conversation keeps the screen.
  const [more, setMore] = useState(false);
  const update = useMutation(
    trpc.messages.updateThread.mutationOptions({
      onSuccess: () => {
        setError(null);
        void queryClient.invalidateQueries({ queryKey: threadKey });
        refreshLists();
      },
      onError: (failure) => setError(`${t.changeFailed} ${errorMessage(failure, t)}`),
    }),
  );
  const change = (input: Change) => update.mutate({ booking_id: thread.booking_id, ...input });
  const done = thread.state === "done";

  return (
    <div className="border-b border-slate-200 bg-white px-3 py-2" data-testid="thread-actions">
      <div role="group" aria-label={t.threadActions} className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          onClick={() => change({ state: done ? "open" : "done" })}
          disabled={update.isPending}
          className={`${control} font-medium ${done ? "" : "border-green-700 text-green-800"}`}
          data-testid="toggle-done"
        >
          {done ? t.reopen : `✓ ${t.markDone}`}
        </button>
        <SnoozeMenu
          snoozedUntil={thread.state === "snoozed" ? thread.snoozed_until : null}
          disabled={update.isPending}
          onSnooze={(until) => change({ state: "snoozed", snoozed_until: until.toISOString() })}
        />
        <button type="button" aria-expanded={more} onClick={() => setMore(!more)} className={`${control} md:hidden`}>
          {t.more} {more ? "▴" : "▾"}
        </button>
        <div className={`${more ? "flex" : "hidden"} w-full flex-wrap items-center gap-2 md:flex md:w-auto`}>
          <button
            type="button"
            aria-pressed={thread.state === "waiting"}
            onClick={() => change({ state: thread.state === "waiting" ? "open" : "waiting" })}
            disabled={update.isPending}
            className={`${control} ${thread.state === "waiting" ? "bg-slate-200" : ""}`}
          >
            {t.markWaiting}
          </button>
          <label className="flex items-center gap-1.5 text-sm">
            <span className="text-slate-600">{t.assignee}</span>
            <select
              value={thread.assignee?.id ?? ""}
              onChange={(event) => change({ assignee_id: event.target.value || null })}
              disabled={update.isPending}
              className={control}
              data-testid="assignee"
            >
              <option value="">{t.nobody}</option>
              {staff.map((member) => (
                <option key={member.id} value={member.id}>
                  {member.name}
                </option>
              ))}
            </select>
          </label>
          {myId && thread.assignee?.id !== myId && (
            <button type="button" onClick={() => change({ assignee_id: myId })} disabled={update.isPending} className={control}>
              {t.assignToMe}
            </button>
          )}
          <label className="flex items-center gap-1.5 text-sm">
            <span className="text-slate-600">{t.bookingStatus}</span>
            <select
              value={thread.booking.status}
              onChange={(event) => change({ booking_status: event.target.value as Thread["booking"]["status"] })}
              disabled={update.isPending}
              className={control}
              data-testid="booking-status"
            >
              {BOOKING_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t.statuses[status]}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => onMarkUnread?.()} disabled={!onMarkUnread} className={control}>
            {t.markUnread}
          </button>
        </div>
      </div>
      {thread.state === "snoozed" && thread.snoozed_until && (
        <p className="mt-1 text-xs text-slate-600" data-testid="snoozed-until">
          {t.snoozedUntil(format.dateTime(thread.snoozed_until))}
        </p>
      )}
      {error && (
        <p role="alert" className="mt-2 rounded-md bg-red-50 px-3 py-1.5 text-sm text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}

const inFuture = (at: Date) => at.getTime() > Date.now();

/** Snooze: three common times, or any time picked (Oslo time, like every time on the page). */
function SnoozeMenu({
  snoozedUntil,
  disabled,
  onSnooze,
}: {
  snoozedUntil: string | null;
  disabled: boolean;
  onSnooze: (until: Date) => void;
}) {
  const { t, format } = useI18n();
  const menu = useRef<HTMLDetailsElement>(null);
  const [custom, setCustom] = useState(() => toOsloInput(snoozePresetTime("tomorrow")));
  const [problem, setProblem] = useState<string | null>(null);
  const pick = (until: Date) => {
    if (!inFuture(until)) return setProblem(t.snoozeInPast);
    setProblem(null);
    if (menu.current) menu.current.open = false;
    onSnooze(until);
  };
  return (
    <details ref={menu} className="relative">
      <summary
        className={`${control} flex cursor-pointer list-none items-center ${snoozedUntil ? "bg-slate-200" : ""} ${disabled ? "pointer-events-none opacity-50" : ""}`}
      >
        {t.snooze} ▾
      </summary>
      <div className="absolute left-0 z-20 mt-1 w-64 space-y-1 rounded-md border border-slate-200 bg-white p-2 shadow-lg">
        {(["hours", "tomorrow", "monday"] as SnoozePreset[]).map((preset) => {
          const until = snoozePresetTime(preset);
          return (
            <button
              key={preset}
              type="button"
              onClick={() => pick(snoozePresetTime(preset))}
              className="flex min-h-11 w-full items-center justify-between rounded px-2 text-left text-sm hover:bg-slate-100 md:min-h-8"
            >
              <span>{t.snoozePresets[preset]}</span>
              <span className="text-xs text-slate-600">{format.dateTime(until.toISOString())}</span>
            </button>
          );
        })}
        <form
          className="flex items-end gap-1 border-t border-slate-100 pt-2"
          onSubmit={(event) => {
            event.preventDefault();
            const until = fromOsloInput(custom);
            if (until) pick(until);
          }}
        >
          <label className="min-w-0 flex-1 text-xs text-slate-600">
            {t.snoozeCustom}
            <input
              type="datetime-local"
              value={custom}
              onChange={(event) => setCustom(event.target.value)}
              className="mt-0.5 block min-h-11 w-full rounded border border-slate-300 px-1 text-sm text-slate-900 md:min-h-8"
              data-testid="snooze-custom"
            />
          </label>
          <button type="submit" className="min-h-11 rounded bg-blue-700 px-2 text-sm text-white hover:bg-blue-800 md:min-h-8">
            {t.snooze}
          </button>
        </form>
        {problem && (
          <p role="alert" className="text-xs text-red-800">
            {problem}
          </p>
        )}
      </div>
    </details>
  );
}
