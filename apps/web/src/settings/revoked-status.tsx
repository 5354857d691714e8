"use client";

import { useEffect, useRef } from "react";
import { useI18n } from "~/i18n/i18n-provider";

/** "Revoked", where the revoke button was; it takes the focus the button had when the revoke was just done. */
export function RevokedStatus({ focus }: { focus: boolean }) {
  const { t } = useI18n();
  const element = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (focus) element.current?.focus();
  }, [focus]);
  return (
    <span ref={element} tabIndex={focus ? -1 : undefined} className="text-slate-600 focus:outline-none">
      {t.revoked}
    </span>
  );
}
