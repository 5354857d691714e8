import type { Metadata } from "next";
import "./globals.css";

// No title here: the inbox renders its own (with the unread count), the sign-in page sets one.
export const metadata: Metadata = { description: "MinBil Workshop Inbox" };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="nb">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  );
}
