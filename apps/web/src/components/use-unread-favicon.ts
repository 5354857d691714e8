"use client";

import { useEffect } from "react";

/** The app's icon (app/icon.svg) with the unread count on a red badge; "99+" past 99. */
export function unreadIconSvg(unread: number): string {
  const label = unread > 99 ? "99+" : String(unread);
  const fontSize = label.length > 2 ? 11 : 14;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">` +
    `<rect width="32" height="32" rx="7" fill="#1d4ed8"/><path d="M7 10h18v11H13l-5 4v-4H7z" fill="#fff"/>` +
    `<circle cx="22" cy="10" r="10" fill="#dc2626"/>` +
    `<text x="22" y="10" dy="0.35em" text-anchor="middle" font-family="Arial,sans-serif" font-weight="700" font-size="${fontSize}" fill="#fff">${label}</text>` +
    `</svg>`
  );
}

/**
 * The browser tab's icon shows the unread count, so a pinned tab tells at a glance that customers
 * wrote. The page's own icon link (from app/icon.svg; Next.js may add it to the head after this runs,
 * hence the observer) is changed in place and restored when the count is back to zero or the header
 * goes away.
 */
export function useUnreadFavicon(unread: number) {
  useEffect(() => {
    if (unread <= 0) return;
    const badge = `data:image/svg+xml,${encodeURIComponent(unreadIconSvg(unread))}`;
    const changed = new Map<HTMLLinkElement, string | null>();
    const apply = () => {
      for (const link of document.querySelectorAll<HTMLLinkElement>('link[rel~="icon"]')) {
        if (!changed.has(link)) changed.set(link, link.getAttribute("href"));
        if (link.getAttribute("href") !== badge) link.setAttribute("href", badge);
        link.setAttribute("data-unread", String(unread));
      }
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { childList: true });
    return () => {
      observer.disconnect();
      for (const [link, href] of changed) {
        if (href) link.setAttribute("href", href);
        link.removeAttribute("data-unread");
      }
    };
  }, [unread]);
}
