"use client";

import { useEffect, useRef } from "react";
import Link from "next/link";
import { useI18n } from "~/i18n/i18n-provider";
import { LanguageSwitch } from "./language-switch";
import { SignOutButton } from "./sign-out-button";

/**
 * Below 768 px the header has no room for the account link, the language and signing out side by side
 * (and each wants a 44 px target): they are in this menu. A <details> element, so it opens without the
 * page's script; it closes when one of its links is followed or the person taps elsewhere.
 */
export function PhoneMenu({ name }: { name: string }) {
  const { t } = useI18n();
  const menuRef = useRef<HTMLDetailsElement>(null);
  const close = () => menuRef.current?.removeAttribute("open");
  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      const menu = menuRef.current;
      if (menu?.open && !menu.contains(event.target as Node)) menu.removeAttribute("open");
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, []);
  return (
    <details ref={menuRef} className="relative md:hidden" data-testid="phone-menu">
      <summary
        aria-label={t.menu}
        className="flex min-h-11 min-w-11 cursor-pointer list-none items-center justify-center rounded-md text-slate-700 hover:bg-slate-100 [&::-webkit-details-marker]:hidden"
      >
        <svg viewBox="0 0 20 20" aria-hidden="true" className="h-5 w-5" fill="currentColor">
          <path d="M3 5h14v2H3zM3 9h14v2H3zM3 13h14v2H3z" />
        </svg>
      </summary>
      <div className="absolute top-full right-0 z-30 mt-1 w-60 space-y-1 rounded-md border border-slate-200 bg-white p-2 text-sm shadow-lg">
        <Link href="/account" onClick={close} className="flex min-h-11 flex-col justify-center rounded-md px-2 hover:bg-slate-100">
          <span className="font-medium">{name}</span>
          <span className="text-xs text-slate-600">{t.account}</span>
        </Link>
        <div className="px-2">
          <LanguageSwitch />
        </div>
        <SignOutButton className="min-h-11 w-full text-left" />
      </div>
    </details>
  );
}
