"use client";

import { useState } from "react";
import { signIn } from "next-auth/react";
import { useI18n } from "~/i18n/i18n-provider";

export function LoginForm({ expired, callbackUrl }: { expired: boolean; callbackUrl: string }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(expired ? t.sessionExpired : null);
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const result = await signIn("credentials", { email: form.get("email"), password: form.get("password"), redirect: false });
    if (result?.ok && !result.error) {
      window.location.assign(callbackUrl);
      return;
    }
    setBusy(false);
    setError(t.signInFailed);
  }

  return (
    <form
      onSubmit={submit}
      className="w-full max-w-sm space-y-4 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200"
      aria-labelledby="login-title"
    >
      <h1 id="login-title" className="text-xl font-semibold">
        {t.appName}
      </h1>
      <Field id="email" label={t.email} type="email" autoComplete="username" />
      <Field id="password" label={t.password} type="password" autoComplete="current-password" />
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={busy}
        className="w-full rounded-md bg-blue-700 px-3 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {busy ? t.signingIn : t.signIn}
      </button>
    </form>
  );
}

function Field({ id, label, type, autoComplete }: { id: string; label: string; type: string; autoComplete: string }) {
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
        required
        className="w-full rounded-md border border-slate-300 px-3 py-2 focus:outline-2 focus:outline-blue-600"
      />
    </div>
  );
}
