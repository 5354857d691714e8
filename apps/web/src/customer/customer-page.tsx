"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { CustomerMessageDto, CustomerViewDto } from "@minbil/contracts/customer/customer-view.schema";
import type { EstimateDto } from "@minbil/contracts/estimates/estimate.schema";
import { CUSTOMER_TEXT, type CustomerLocale } from "./customer-text";
import { makeFormatters } from "~/i18n/format";
import { attachmentUrl, fetchView, postSeen } from "./customer-api";
import { CustomerComposer } from "./customer-composer";
import { EstimateDecision } from "./estimate-decision";

/** How often an open page asks for new messages while it is visible. */
const REFRESH_MS = 15_000;

/**
 * The customer's page of their booking: the workshop, the booking, the conversation (the server never
 * sends internal notes), estimates to decide, and a reply box. It tells the server "seen" only while
 * the page is visible to a person: a link preview that fetches the page runs no script.
 */
export function CustomerPage({ token, initial, locale }: { token: string; initial: CustomerViewDto; locale: CustomerLocale }) {
  const t = CUSTOMER_TEXT[locale];
  const format = useMemo(() => makeFormatters(locale), [locale]);
  const [view, setView] = useState(initial);
  const [earlier, setEarlier] = useState<CustomerMessageDto[]>([]);
  const [hasEarlier, setHasEarlier] = useState(initial.has_earlier);
  const [gone, setGone] = useState(false);
  const seenSent = useRef(0);
  const bottomRef = useRef<HTMLDivElement>(null);

  const messages = useMemo(() => {
    const byId = new Map<number, CustomerMessageDto>();
    for (const message of [...earlier, ...view.messages]) byId.set(message.id, message);
    return [...byId.values()].sort((a, b) => a.seq - b.seq);
  }, [earlier, view.messages]);
  const lastSeq = messages.at(-1)?.seq ?? 0;

  const refresh = useCallback(async () => {
    try {
      setView(await fetchView(token, t));
    } catch (error) {
      if ((error as { status?: number }).status === 404) setGone(true);
    }
  }, [token, t]);

  // New messages while the page is open, and at once when it becomes visible again.
  useEffect(() => {
    const tick = () => {
      if (document.visibilityState === "visible") void refresh();
    };
    const timer = setInterval(tick, REFRESH_MS);
    document.addEventListener("visibilitychange", tick);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", tick);
    };
  }, [refresh]);

  // "Seen": the messages up to the newest were on a visible page.
  useEffect(() => {
    const report = () => {
      if (document.visibilityState !== "visible" || lastSeq <= seenSent.current) return;
      seenSent.current = lastSeq;
      postSeen(token, lastSeq, t).catch(() => {
        seenSent.current = 0;
      });
    };
    report();
    document.addEventListener("visibilitychange", report);
    return () => document.removeEventListener("visibilitychange", report);
  }, [lastSeq, token, t]);

  useEffect(() => {
    bottomRef.current?.scrollIntoView({ block: "end" });
  }, [lastSeq]);

  async function loadEarlier() {
    const first = messages[0]?.seq;
    if (!first) return;
    const page = await fetchView(token, t, first).catch(() => null);
    if (!page) return;
    setEarlier((current) => [...page.messages, ...current]);
    setHasEarlier(page.has_earlier);
  }

  function decided(message: CustomerMessageDto, estimate: EstimateDto) {
    const update = (list: CustomerMessageDto[]) => list.map((item) => (item.id === message.id ? { ...item, estimate } : item));
    setView((current) => ({ ...current, messages: update(current.messages) }));
    setEarlier(update);
  }

  const { workshop, booking } = view;
  const vehicle = [booking.vehicle.registration_number, booking.vehicle.make, booking.vehicle.model].filter(Boolean).join(" · ");
  return (
    <div className="mx-auto flex min-h-dvh max-w-2xl flex-col bg-slate-50">
      <header className="bg-blue-800 px-4 py-3 text-white">
        <div className="flex items-start justify-between gap-3">
          <h1 className="text-lg font-semibold">{t.title(workshop.name)}</h1>
          <a
            href={`?lang=${t.languageHref}`}
            className="flex min-h-11 items-center text-sm text-blue-100 underline"
            hrefLang={t.languageHref}
          >
            {t.language}
          </a>
        </div>
        {workshop.phone && (
          <a href={`tel:${workshop.phone.replace(/\s+/g, "")}`} className="mt-1 inline-flex min-h-11 items-center font-medium underline">
            {t.call}: {workshop.phone}
          </a>
        )}
      </header>
      <section aria-label={t.booking} className="m-3 rounded-xl bg-white p-3 ring-1 ring-slate-200">
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
          <dt className="text-slate-600">{t.status}</dt>
          <dd data-testid="booking-status" className="font-semibold">
            {t.statuses[booking.status]}
          </dd>
          <dt className="text-slate-600">{t.when}</dt>
          <dd>{format.dateTime(booking.scheduled_at)}</dd>
          <dt className="text-slate-600">{t.vehicle}</dt>
          <dd>{vehicle}</dd>
          <dt className="text-slate-600">{t.service}</dt>
          <dd>{booking.service}</dd>
          <dt className="text-slate-600">{t.reference}</dt>
          <dd>{booking.reference}</dd>
        </dl>
      </section>
      <main className="flex min-h-0 flex-1 flex-col">
        <h2 className="px-4 text-sm font-semibold text-slate-700">{t.conversation}</h2>
        {gone && (
          <p role="alert" className="m-3 rounded-lg bg-red-50 p-3 text-red-800">
            {t.errors.gone}
          </p>
        )}
        <ol className="flex-1 space-y-3 p-3" aria-live="polite">
          {hasEarlier && (
            <li className="text-center">
              <button type="button" onClick={() => void loadEarlier()} className="min-h-11 px-3 text-blue-800 underline">
                {t.earlier}
              </button>
            </li>
          )}
          {messages.length === 0 && <li className="text-center text-slate-600">{t.noMessages}</li>}
          {messages.map((message) => {
            const mine = message.from === "customer";
            const images = message.attachments.filter(
              (file) => file.content_type.startsWith("image/") && file.content_type !== "image/heic",
            );
            const others = message.attachments.filter((file) => !images.includes(file));
            return (
              <li key={message.id} data-testid="customer-message" className={`flex ${mine ? "justify-end" : "justify-start"}`}>
                <div className={`max-w-[90%] rounded-2xl px-3 py-2 ${mine ? "bg-blue-700 text-white" : "bg-white ring-1 ring-slate-200"}`}>
                  <p className={`text-xs ${mine ? "text-blue-100" : "text-slate-600"}`}>
                    {mine ? t.you : message.sender} · <time dateTime={message.created_at}>{format.dateTime(message.created_at)}</time>
                  </p>
                  {message.estimate ? (
                    <EstimateDecision
                      token={token}
                      estimate={message.estimate}
                      note={message.body}
                      t={t}
                      format={format}
                      onDecided={(estimate) => decided(message, estimate)}
                    />
                  ) : (
                    message.body && <p className="whitespace-pre-wrap break-words">{message.body}</p>
                  )}
                  {images.length > 0 && (
                    <div className="mt-2 flex flex-wrap gap-2">
                      {images.map((file) => (
                        <a key={file.id} href={attachmentUrl(token, file.id)} target="_blank" rel="noreferrer">
                          {/* eslint-disable-next-line @next/next/no-img-element -- the customer's own authenticated file */}
                          <img src={attachmentUrl(token, file.id)} alt={file.file_name} className="h-32 w-32 rounded-lg object-cover" />
                        </a>
                      ))}
                    </div>
                  )}
                  {others.map((file) => (
                    <a key={file.id} href={attachmentUrl(token, file.id)} download={file.file_name} className="mt-1 block underline">
                      {file.file_name}
                    </a>
                  ))}
                </div>
              </li>
            );
          })}
        </ol>
        <div ref={bottomRef} />
      </main>
      {!gone && (
        <div className="sticky bottom-0">
          <CustomerComposer
            token={token}
            t={t}
            onSent={(message) => setView((current) => ({ ...current, messages: [...current.messages, message] }))}
          />
        </div>
      )}
      {view.expires_at && <p className="p-3 text-center text-xs text-slate-600">{t.linkEnds(format.date(view.expires_at))}</p>}
    </div>
  );
}
