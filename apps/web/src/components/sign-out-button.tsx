"use client";

import { signOut } from "~/app/login/actions";
import { useI18n } from "~/i18n/i18n-provider";
import { forgetDrafts } from "~/inbox/composer/draft-store";

/**
 * Signing out is a form, so it works without the page's script too; it ends the session on the server.
 * With the script, this browser's drafts are forgotten first.
 */
export function SignOutButton({ className = "" }: { className?: string }) {
  const { t } = useI18n();
  return (
    <form action={signOut} onSubmit={forgetDrafts}>
      <button type="submit" className={`rounded-md px-2 py-1 whitespace-nowrap text-slate-700 hover:bg-slate-100 ${className}`}>
        {t.signOut}
      </button>
    </form>
  );
}
