import type { Metadata } from "next";
import { cookies } from "next/headers";
import { LOCALE_COOKIE, toLocale } from "~/i18n/messages";
import "./globals.css";

// No title here: the inbox renders its own (with the unread count), the sign-in page sets one.
export const metadata: Metadata = { description: "MinBil Workshop Inbox" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The interface's language, so that screen readers and hyphenation read the page in it.
  const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  );
}
