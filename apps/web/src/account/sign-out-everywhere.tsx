"use client";

import { useId } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import { useI18n } from "~/i18n/i18n-provider";
import { ErrorAlert } from "~/components/error-alert";

/** Ends every session of the signed-in staff member (a lost phone, a shared computer). */
export function SignOutEverywhere() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const id = useId();
  const end = useMutation(
    trpc.auth.signOutEverywhere.mutationOptions({
      // This session has ended too: the sign-in page says so.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full load drops the ended session's data
      onSuccess: () => window.location.assign("/login?signedOut=1"),
    }),
  );
  return (
    <section aria-labelledby={`${id}-title`} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 id={`${id}-title`} className="mb-1 text-lg font-semibold">
        {t.sessions}
      </h2>
      <p className="mb-3 text-sm text-slate-600">{t.signOutEverywhereHint}</p>
      <button
        type="button"
        onClick={() => end.mutate()}
        disabled={end.isPending}
        className="rounded-md border border-slate-300 px-3 py-2 font-medium hover:bg-slate-50 disabled:opacity-60"
      >
        {t.signOutEverywhere}
      </button>
      <ErrorAlert error={end.error} className="mt-2" />
    </section>
  );
}
