"use client";

import { useState, useSyncExternalStore } from "react";
import { useI18n } from "~/i18n/i18n-provider";
import { unlockChime, playChime } from "./chime";
import { saveNotificationPrefs, useNotificationPrefs } from "./notification-prefs";

type Permission = NotificationPermission | "unsupported";
const permissionNow = (): Permission => ("Notification" in window ? Notification.permission : "unsupported");

/**
 * The bell in the inbox: desktop notifications are off until the person turns them on here (which is
 * when the browser asks for permission, never on page load), and the chime likewise.
 */
export function NotificationSettings() {
  const { t } = useI18n();
  const prefs = useNotificationPrefs();
  const [, rerender] = useState(0);
  const permission = useSyncExternalStore(
    () => () => {},
    permissionNow,
    () => "default" as Permission,
  );
  const desktopOn = prefs.desktop && permission === "granted";

  async function toggleDesktop() {
    if (desktopOn) return saveNotificationPrefs({ ...prefs, desktop: false });
    const answer = permission === "granted" ? "granted" : await Notification.requestPermission();
    saveNotificationPrefs({ ...prefs, desktop: answer === "granted" });
    rerender((n) => n + 1);
  }

  return (
    <details className="relative">
      <summary
        className="flex min-h-11 min-w-11 cursor-pointer list-none items-center justify-center rounded-md px-2 text-slate-700 hover:bg-slate-100 md:min-h-8"
        aria-label={t.notifications}
        title={t.notifications}
        data-testid="notification-settings"
      >
        <BellIcon on={desktopOn || prefs.sound} />
      </summary>
      <div className="absolute right-0 z-30 mt-1 w-72 space-y-3 rounded-md border border-slate-200 bg-white p-3 text-sm shadow-lg">
        <div>
          <div className="flex items-center justify-between gap-2">
            <span className="font-medium">{t.desktopNotifications}</span>
            {permission !== "unsupported" && permission !== "denied" && (
              <button
                type="button"
                aria-pressed={desktopOn}
                onClick={() => void toggleDesktop()}
                className="min-h-11 rounded-md border border-slate-300 px-3 hover:bg-slate-50 md:min-h-8"
                data-testid="desktop-notifications"
              >
                {desktopOn ? t.turnOff : t.turnOn}
              </button>
            )}
          </div>
          <p className="mt-1 text-xs text-slate-600">
            {permission === "denied"
              ? t.notificationsBlocked
              : permission === "unsupported"
                ? t.notificationsUnsupported
                : t.desktopNotificationsHint}
          </p>
        </div>
        <label className="flex min-h-11 items-center gap-2 md:min-h-0">
          <input
            type="checkbox"
            checked={prefs.sound}
            onChange={(event) => {
              if (event.target.checked) {
                unlockChime();
                setTimeout(playChime, 50);
              }
              saveNotificationPrefs({ ...prefs, sound: event.target.checked });
            }}
            className="h-4 w-4"
            data-testid="notification-sound"
          />
          {t.sound}
        </label>
      </div>
    </details>
  );
}

function BellIcon({ on }: { on: boolean }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill={on ? "currentColor" : "none"}
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      className="h-5 w-5"
      aria-hidden="true"
    >
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}
