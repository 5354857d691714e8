"use client";

import { useId, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { STAFF_PASSWORD_MIN_LENGTH } from "@minbil/contracts/admin/staff.schema";
import { useTRPC } from "~/trpc/react";
import { useI18n } from "~/i18n/i18n-provider";
import { ErrorAlert } from "~/components/error-alert";

/** Changes the signed-in staff member's password; their other sessions end at once. */
export function ChangePasswordForm() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const id = useId();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: () => {
        setCurrent("");
        setNext("");
      },
    }),
  );

  return (
    <section aria-labelledby={`${id}-title`} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 id={`${id}-title`} className="mb-3 text-lg font-semibold">
        {t.changePassword}
      </h2>
      <form
        className="grid max-w-sm gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          change.mutate({ current_password: current, new_password: next });
        }}
      >
        <label className="grid gap-1 text-sm font-medium">
          {t.currentPassword}
          <input
            type="password"
            autoComplete="current-password"
            required
            value={current}
            onChange={(event) => setCurrent(event.target.value)}
            className="rounded-md border border-slate-300 px-3 py-2 font-normal"
          />
        </label>
        <label className="grid gap-1 text-sm font-medium">
          {t.newOwnPassword}
          <input
            type="password"
            autoComplete="new-password"
            required
            minLength={STAFF_PASSWORD_MIN_LENGTH}
            value={next}
            onChange={(event) => setNext(event.target.value)}
            className="rounded-md border border-slate-300 px-3 py-2 font-normal"
          />
        </label>
        <button
          type="submit"
          disabled={change.isPending}
          className="justify-self-start rounded-md bg-blue-700 px-3 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
        >
          {t.changePassword}
        </button>
        {change.isSuccess && (
          <p role="status" className="text-sm text-green-800">
            {t.passwordChanged(change.data.ended_sessions)}
          </p>
        )}
        <ErrorAlert error={change.error} />
      </form>
    </section>
  );
}
