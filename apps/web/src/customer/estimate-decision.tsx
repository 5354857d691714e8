"use client";

import { useState } from "react";
import type { EstimateDto } from "@minbil/contracts/estimates/estimate.schema";
import type { CustomerText } from "./customer-text";
import type { Formatters } from "~/i18n/format";
import { attachmentUrl, CustomerApiError, postDecisions } from "./customer-api";

type Choice = "approved" | "declined";

/**
 * An estimate on the customer's page: each open line gets Approve / Decline, and one button sends the
 * chosen answers (final, as the page says before sending). Decided lines show their answer.
 */
export function EstimateDecision(props: {
  token: string;
  estimate: EstimateDto;
  note: string;
  t: CustomerText;
  format: Formatters;
  onDecided(estimate: EstimateDto): void;
}) {
  const { token, estimate, t, format } = props;
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = estimate.lines.filter((line) => line.decision === null);
  const chosen = open.filter((line) => choices[line.id]);
  const decidable = !estimate.expired && open.length > 0;

  async function send() {
    if (!chosen.length) {
      setError(t.chooseFirst);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const decided = await postDecisions(
        token,
        estimate.id,
        chosen.map((line) => ({ line_id: line.id, decision: choices[line.id]! })),
        t,
      );
      setChoices({});
      props.onDecided(decided);
    } catch (caught) {
      setError(caught instanceof CustomerApiError ? caught.message : t.errors.other);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-label={t.estimate} data-testid="estimate" className="mt-1 rounded-xl bg-white p-3 text-slate-900 ring-1 ring-slate-200">
      <h3 className="font-semibold">{t.estimate}</h3>
      {props.note && <p className="mt-1 whitespace-pre-wrap text-sm">{props.note}</p>}
      <p className={`mt-1 text-sm ${estimate.expired ? "font-medium text-red-700" : "text-slate-600"}`}>
        {estimate.expired ? t.expired(format.calendarDay(estimate.valid_until)) : t.validUntil(format.calendarDay(estimate.valid_until))}
      </p>
      <ul className="mt-2 divide-y divide-slate-100">
        {estimate.lines.map((line) => (
          <li key={line.id} data-testid="estimate-line" className="py-2">
            <div className="flex items-start justify-between gap-3">
              <span>{line.description}</span>
              <span className="whitespace-nowrap font-medium">{format.money(line.price_nok)}</span>
            </div>
            {line.photo_attachment_id && (
              <a href={attachmentUrl(token, line.photo_attachment_id)} target="_blank" rel="noreferrer" className="mt-1 inline-block">
                {/* eslint-disable-next-line @next/next/no-img-element -- the customer's own authenticated file, not an optimisable asset */}
                <img
                  src={attachmentUrl(token, line.photo_attachment_id)}
                  alt={line.description}
                  className="h-24 w-24 rounded-lg object-cover"
                />
              </a>
            )}
            {line.decision ? (
              <p className={`mt-1 text-sm font-semibold ${line.decision === "approved" ? "text-green-800" : "text-slate-600"}`}>
                {line.decision === "approved" ? `✓ ${t.approved}` : `✕ ${t.declined}`}
              </p>
            ) : decidable ? (
              <div role="radiogroup" aria-label={line.description} className="mt-2 flex gap-2">
                {(["approved", "declined"] as const).map((choice) => (
                  <button
                    key={choice}
                    type="button"
                    role="radio"
                    aria-checked={choices[line.id] === choice}
                    onClick={() => setChoices((current) => ({ ...current, [line.id]: choice }))}
                    className={`min-h-11 flex-1 rounded-lg px-3 font-medium ring-1 ${
                      choices[line.id] === choice
                        ? choice === "approved"
                          ? "bg-green-700 text-white ring-green-700"
                          : "bg-slate-700 text-white ring-slate-700"
                        : "bg-white text-slate-900 ring-slate-300"
                    }`}
                  >
                    {choice === "approved" ? t.approve : t.decline}
                  </button>
                ))}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      <dl className="mt-2 space-y-1 border-t border-slate-200 pt-2 text-sm">
        <div className="flex justify-between">
          <dt>
            {t.total} <span className="text-slate-600">({t.incVat})</span>
          </dt>
          <dd>{format.money(estimate.total_nok)}</dd>
        </div>
        <div className="flex justify-between font-semibold">
          <dt>{t.approvedTotal}</dt>
          <dd data-testid="approved-total">{format.money(estimate.approved_total_nok)}</dd>
        </div>
      </dl>
      {decidable && (
        <div className="mt-3">
          <p className="text-xs text-slate-600">{t.decisionFinal}</p>
          <button
            type="button"
            onClick={() => void send()}
            disabled={busy}
            className="mt-2 min-h-11 w-full rounded-lg bg-blue-700 px-4 font-semibold text-white disabled:opacity-60"
          >
            {busy ? t.sending : t.answer(chosen.length)}
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      )}
    </section>
  );
}
