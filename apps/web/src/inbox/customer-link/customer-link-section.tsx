"use client";

import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import { useI18n } from "~/i18n/i18n-provider";
import { errorMessage } from "~/i18n/error-message";
import { useCustomerLinkText } from "./customer-link-text";

/**
 * The customer's page of this booking: copy its link (made when first asked for), make a new one (the
 * old one stops working), or end it.
 */
export function CustomerLinkSection({ bookingId }: { bookingId: number }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const c = useCustomerLinkText();
  const [notice, setNotice] = useState<string | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  const onError = (error: unknown) => setNotice(errorMessage(error, t));
  const copy = async (link: string) => {
    setUrl(link);
    try {
      await navigator.clipboard.writeText(link);
      setNotice(c.copied);
    } catch {
      // No clipboard (an insecure origin, a refused permission): the link is shown to copy by hand.
      setNotice(null);
    }
  };
  const get = useMutation(trpc.customerLinks.get.mutationOptions({ onSuccess: (link) => void copy(link.url), onError }));
  const reissue = useMutation(trpc.customerLinks.reissue.mutationOptions({ onSuccess: (link) => void copy(link.url), onError }));
  const revoke = useMutation(
    trpc.customerLinks.revoke.mutationOptions({
      onSuccess: () => {
        setUrl(null);
        setNotice(c.revoked);
      },
      onError,
    }),
  );
  const busy = get.isPending || reissue.isPending || revoke.isPending;
  const button = "min-h-11 rounded-md border border-slate-300 px-2 text-sm hover:bg-slate-50 disabled:opacity-50 md:min-h-8";
  return (
    <section aria-labelledby="customer-link-title" className="mt-5" data-testid="customer-link">
      <h3 id="customer-link-title" className="mb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase">
        {c.title}
      </h3>
      <p className="mb-2 text-xs text-slate-600">{c.help}</p>
      <div className="flex flex-wrap gap-2">
        <button type="button" disabled={busy} onClick={() => get.mutate({ booking_id: bookingId })} className={button}>
          {c.copy}
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => window.confirm(c.confirmReissue) && reissue.mutate({ booking_id: bookingId })}
          className={button}
        >
          {c.reissue}
        </button>
        <button type="button" disabled={busy} onClick={() => revoke.mutate({ booking_id: bookingId })} className={`${button} text-red-700`}>
          {c.revoke}
        </button>
      </div>
      {url && (
        <input
          readOnly
          value={url}
          aria-label={c.title}
          onFocus={(event) => event.currentTarget.select()}
          className="mt-2 w-full rounded border border-slate-300 px-2 py-1 text-xs"
          data-testid="customer-link-url"
        />
      )}
      {notice && (
        <p role="status" className="mt-1 text-xs text-slate-700">
          {notice}
        </p>
      )}
    </section>
  );
}
