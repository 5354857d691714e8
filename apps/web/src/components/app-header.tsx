"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import { useI18n } from "~/i18n/i18n-provider";
import { LanguageSwitch } from "./language-switch";
import { GearIcon } from "./gear-icon";
import { NotificationSettings } from "~/inbox/notifications/notification-settings";
import { useUnreadFavicon } from "./use-unread-favicon";
import { PhoneMenu } from "./phone-menu";
import { SignOutButton } from "./sign-out-button";

/** Where the skip link leads: the page's own content, after the header. */
export const MAIN_ID = "main";

export function AppHeader() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const me = useQuery(trpc.auth.me.queryOptions());
  // Notifications come from the inbox's live stream: their settings are offered there.
  const inInbox = usePathname().startsWith("/inbox");
  const unread = useQuery(trpc.messages.unreadSummary.queryOptions()).data?.total_unread ?? 0;
  useUnreadFavicon(unread);

  return (
    <header className="flex items-center gap-2 border-b border-slate-200 bg-white px-3 py-0.5 sm:gap-3 sm:px-4 md:py-2">
      {/* React puts this in the document head, and keeps it current. */}
      <title>{unread > 0 ? `(${unread}) ${t.appName}` : t.appName}</title>
      <a
        href={`#${MAIN_ID}`}
        className="sr-only rounded-md bg-blue-700 px-3 py-2 font-medium text-white focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50"
      >
        {t.skipToContent}
      </a>
      <Link href="/inbox" className="flex min-h-11 items-center gap-2 font-semibold md:min-h-0">
        <span>{t.inbox}</span>
        {unread > 0 && (
          <span
            data-testid="total-unread"
            className="rounded-full bg-red-600 px-2 py-0.5 text-xs font-bold text-white"
            aria-label={t.unreadCount(unread)}
          >
            {unread}
          </span>
        )}
      </Link>
      <span className="hidden truncate text-sm text-slate-500 sm:inline">{me.data?.workshop.name}</span>
      <div className="ml-auto flex items-center gap-1 text-sm sm:gap-3">
        <Link href="/account" className="hidden rounded-md px-2 py-1 text-slate-600 hover:bg-slate-100 md:inline" title={t.account}>
          {me.data?.user.name}
        </Link>
        {me.data?.user.role === "owner" && (
          <Link
            href="/settings"
            aria-label={t.settings}
            className="flex min-h-11 min-w-11 items-center justify-center gap-1 rounded-md px-2 py-1 whitespace-nowrap text-slate-700 hover:bg-slate-100 md:min-h-0 md:min-w-0"
          >
            <GearIcon />
            <span className="hidden sm:inline">{t.settings}</span>
          </Link>
        )}
        {inInbox && <NotificationSettings />}
        <div className="hidden items-center gap-3 md:flex">
          <LanguageSwitch />
          <SignOutButton />
        </div>
        <PhoneMenu name={me.data?.user.name ?? ""} />
      </div>
    </header>
  );
}
