"use client";

import { useCallback, useSyncExternalStore } from "react";

// A draft per thread (and per staff member, for shared computers): it survives opening another thread
// and reloading the page, in this browser's localStorage. Files are not kept: a browser cannot store them.

const PREFIX = "minbil-draft:";
const memory = new Map<string, string>();
const listeners = new Set<() => void>();

function read(key: string): string {
  const known = memory.get(key);
  if (known !== undefined) return known;
  let stored = "";
  try {
    stored = localStorage.getItem(PREFIX + key) ?? "";
  } catch {
    // Storage refused (private mode): drafts last as long as the page.
  }
  memory.set(key, stored);
  return stored;
}

function write(key: string, text: string) {
  memory.set(key, text);
  try {
    if (text) localStorage.setItem(PREFIX + key, text);
    else localStorage.removeItem(PREFIX + key);
  } catch {
    // As above: kept in memory only.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The draft of `key` (e.g. "<user id>:<booking id>") and how to change it; "" until the page has loaded. */
export function useDraft(key: string): [string, (text: string) => void] {
  const text = useSyncExternalStore(
    subscribe,
    () => read(key),
    () => "",
  );
  const setText = useCallback((next: string) => write(key, next), [key]);
  return [text, setText];
}

/** Forgets every draft in this browser: on signing out, so the next person at a shared computer sees none. */
export function forgetDrafts() {
  memory.clear();
  try {
    for (const key of Object.keys(localStorage)) if (key.startsWith(PREFIX)) localStorage.removeItem(key);
  } catch {
    // Storage refused: nothing was kept there.
  }
  for (const listener of listeners) listener();
}
