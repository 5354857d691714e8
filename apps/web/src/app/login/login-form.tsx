"use client";

import { useActionState } from "react";
import { useI18n } from "~/i18n/i18n-provider";
import { signIn, type SignInState } from "./actions";

export type LoginNotice = "sessionEnded" | "signedOut" | "unavailable";

/**
 * The sign-in form posts to a Server Action: it works as a plain HTML form before the page's script has
 * loaded (or without it), and the answer comes back in the user's language.
 */
export function LoginForm({ notice, callbackUrl }: { notice: LoginNotice | null; callbackUrl: string }) {
  const { t } = useI18n();
  const [state, action, pending] = useActionState<SignInState, FormData>(signIn, { error: null });
  const message =
    state.error === "invalid"
      ? t.signInFailed
      : state.error === "rate_limited"
        ? t.signInRateLimited(state.waitMinutes ?? 1)
        : state.error === "unavailable"
          ? t.serviceUnavailable
          : notice === "sessionEnded"
            ? t.sessionEnded
            : notice === "unavailable"
              ? t.serviceUnavailable
              : null;

  return (
    <form
      action={action}
      className="w-full max-w-sm space-y-4 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200"
      aria-labelledby="login-title"
    >
      <h1 id="login-title" className="text-xl font-semibold">
        {t.appName}
      </h1>
      {notice === "signedOut" && !state.error && (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-900">
          {t.signedOut}
        </p>
      )}
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Field id="email" label={t.email} type="email" autoComplete="username" defaultValue={state.email} />
      <Field id="password" label={t.password} type="password" autoComplete="current-password" />
      {message && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {message}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-blue-700 px-3 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? t.signingIn : t.signIn}
      </button>
    </form>
  );
}

function Field({
  id,
  label,
  type,
  autoComplete,
  defaultValue,
}: {
  id: string;
  label: string;
  type: string;
  autoComplete: string;
  defaultValue?: string;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        name={id}
        type={type}
        autoComplete={autoComplete}
        defaultValue={defaultValue}
        required
        className="w-full rounded-md border border-slate-300 px-3 py-2 focus:outline-2 focus:outline-blue-600"
      />
    </div>
  );
}
