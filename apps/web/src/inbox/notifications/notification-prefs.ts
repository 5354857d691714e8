"use client";

import { useSyncExternalStore } from "react";

/** What a person chose on this device: desktop notifications (after the browser's permission) and a sound. */
export interface NotificationPrefs {
  desktop: boolean;
  sound: boolean;
}

const KEY = "minbil-notifications";
const OFF: NotificationPrefs = { desktop: false, sound: false };
const listeners = new Set<() => void>();

function read(): string {
  try {
    return localStorage.getItem(KEY) ?? "";
  } catch {
    return "";
  }
}

function parse(raw: string): NotificationPrefs {
  try {
    const value = JSON.parse(raw) as Partial<NotificationPrefs>;
    return { desktop: value.desktop === true, sound: value.sound === true };
  } catch {
    return OFF;
  }
}

let cache: { raw: string; prefs: NotificationPrefs } = { raw: "", prefs: OFF };
function snapshot(): NotificationPrefs {
  const raw = read();
  if (raw !== cache.raw) cache = { raw, prefs: parse(raw) };
  return cache.prefs;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  // Another tab changed them.
  const onStorage = (event: StorageEvent) => event.key === KEY && listener();
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

export function saveNotificationPrefs(prefs: NotificationPrefs) {
  try {
    localStorage.setItem(KEY, JSON.stringify(prefs));
  } catch {
    // Storage full or refused: the choice lasts until the page is left.
  }
  for (const listener of listeners) listener();
}

export function readNotificationPrefs(): NotificationPrefs {
  return snapshot();
}

export function useNotificationPrefs(): NotificationPrefs {
  return useSyncExternalStore(subscribe, snapshot, () => OFF);
}
