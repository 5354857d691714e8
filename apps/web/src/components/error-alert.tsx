"use client";

import { useI18n } from "~/i18n/i18n-provider";
import { errorMessage, type ApiErrorCode } from "~/i18n/error-message";

/** A failed call, said in the user's language (nothing when there is no error). */
export function ErrorAlert({
  error,
  className = "",
  overrides,
}: {
  error: unknown;
  className?: string;
  overrides?: Partial<Record<ApiErrorCode, string>>;
}) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <p role="alert" className={`text-sm text-red-700 ${className}`}>
      {errorMessage(error, t, overrides)}
    </p>
  );
}
