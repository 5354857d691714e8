"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { playChime, unlockChime } from "./chime";
import { readNotificationPrefs } from "./notification-prefs";
import type { InboxNotification } from "./notification-for";

const TOAST_MS = 10_000;

/**
 * Shows a notification: in the page always (a toast that can be opened or dismissed), on the desktop
 * when the person opted in and the page is not what they are looking at, with the chime when chosen.
 */
export function useNotifier() {
  const router = useRouter();
  const [toasts, setToasts] = useState<InboxNotification[]>([]);
  const seen = useRef(new Set<string>());

  // Browsers allow sound only after the person has interacted with the page: the first click or key
  // after a reload unlocks the chime they chose before.
  useEffect(() => {
    const unlock = () => {
      if (readNotificationPrefs().sound) unlockChime();
    };
    window.addEventListener("pointerdown", unlock, { once: true });
    window.addEventListener("keydown", unlock, { once: true });
    return () => {
      window.removeEventListener("pointerdown", unlock);
      window.removeEventListener("keydown", unlock);
    };
  }, []);

  const expire = useCallback((eventId: string) => setToasts((shown) => shown.filter((toast) => toast.eventId !== eventId)), []);
  const dismiss = useCallback(() => setToasts([]), []);

  const notify = useCallback(
    (notification: InboxNotification) => {
      // The stream may deliver an event again after reconnecting: one notification per event.
      if (seen.current.has(notification.eventId)) return;
      seen.current.add(notification.eventId);
      setToasts((shown) => [notification, ...shown].slice(0, 20));
      setTimeout(() => expire(notification.eventId), TOAST_MS);
      const prefs = readNotificationPrefs();
      if (prefs.sound) playChime();
      const away = document.visibilityState === "hidden" || !document.hasFocus();
      if (prefs.desktop && away && "Notification" in window && Notification.permission === "granted") {
        const shown = new Notification(notification.title, {
          body: notification.body,
          tag: `minbil-${notification.eventId}`,
          icon: "/icon.svg",
        });
        shown.onclick = () => {
          window.focus();
          router.push(`/inbox/${notification.bookingId}`);
          shown.close();
        };
      }
    },
    [expire, router],
  );

  return { toasts, notify, dismiss };
}
