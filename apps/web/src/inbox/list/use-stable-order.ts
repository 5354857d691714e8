"use client";

import { useState } from "react";

interface Shown {
  /** Which list (filters) the order belongs to; null before its first data. */
  listKey: string | null;
  /** How many pages had loaded when the order was last taken. */
  pages: number;
  order: number[];
}

/**
 * The thread list's rows in the order the person has been looking at, while the server's order
 * (newest activity first) changes under it with each live event. Rows update in place; a thread that
 * would move, or a new one, waits until the person asks for the newest order (`showLatest`), so the
 * rows on screen never jump. Another filter, or a further page, takes the server's order as it is.
 */
export function useStableOrder(ids: number[] | undefined, listKey: string, pages: number) {
  const [shown, setShown] = useState<Shown>({ listKey: null, pages: 0, order: [] });

  const present = new Set(ids);
  let order = shown.order.filter((id) => present.has(id));
  if (ids && shown.listKey !== listKey) {
    order = ids;
    setShown({ listKey, pages, order });
  } else if (ids && shown.pages !== pages) {
    // A further page: its threads go below the ones already shown.
    const kept = new Set(order);
    order = [...order, ...ids.filter((id) => !kept.has(id))];
    setShown({ listKey, pages, order });
  }

  const kept = new Set(order);
  const waiting = (ids ?? []).filter((id) => !kept.has(id));
  const serverOrder = (ids ?? []).filter((id) => kept.has(id));
  const moved = serverOrder.some((id, index) => id !== order[index]);

  return {
    order,
    /** Whether the server's order differs from what is shown: new threads, or threads with new activity. */
    behind: waiting.length > 0 || moved,
    showLatest: () => setShown({ listKey, pages, order: ids ?? [] }),
  };
}
