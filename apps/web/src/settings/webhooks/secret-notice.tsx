"use client";

import { useEffect, useId, useRef } from "react";
import { useI18n } from "~/i18n/i18n-provider";
import { CopyButton } from "~/components/copy-button";

/**
 * A webhook's signing secret, shown this once (at creation or rotation), with a copy button and what it
 * is for. It takes the focus when it appears, so keyboard and screen-reader users land on it.
 */
export function SecretNotice({
  url,
  secret,
  rotated = false,
  className = "",
}: {
  url: string;
  secret: string;
  rotated?: boolean;
  className?: string;
}) {
  const { t } = useI18n();
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);

  return (
    <div
      ref={box}
      role="group"
      aria-labelledby={titleId}
      tabIndex={-1}
      className={`space-y-1.5 rounded-md bg-green-50 p-3 text-sm text-green-900 focus:outline-2 focus:outline-offset-2 focus:outline-blue-600 ${className}`}
    >
      <p id={titleId} className="font-medium break-all">
        {t.secretFor(url)}
      </p>
      <p>{t.secretShownOnce}</p>
      <code className="block rounded bg-white p-2 font-mono text-xs break-all text-slate-900" data-testid="webhook-secret">
        {secret}
      </code>
      <CopyButton text={secret} />
      {rotated && <p>{t.oldSecretOverlap}</p>}
      <p>{t.secretExplained}</p>
    </div>
  );
}
