"use client";

import type { EstimateDto } from "@minbil/contracts/estimates/estimate.schema";
import { useI18n } from "~/i18n/i18n-provider";
import { useEstimateText } from "./estimate-text";

/** An estimate in the thread: each line with the customer's answer (live), the total and what is approved. */
export function EstimateSummary({ estimate }: { estimate: EstimateDto }) {
  const { format } = useI18n();
  const e = useEstimateText();
  return (
    <section data-testid="estimate-summary" aria-label={e.estimate} className="mt-1 rounded-lg bg-white p-2 text-sm text-slate-900">
      <p className="font-semibold">{e.estimate}</p>
      <ul className="mt-1 divide-y divide-slate-100">
        {estimate.lines.map((line) => (
          <li key={line.id} data-testid="estimate-line" data-decision={line.decision ?? "open"} className="flex items-start gap-2 py-1">
            <span className="flex-1">{line.description}</span>
            <span className="whitespace-nowrap">{format.money(line.price_nok)}</span>
            <span
              className={`w-24 shrink-0 text-right text-xs font-semibold ${
                line.decision === "approved" ? "text-green-800" : line.decision === "declined" ? "text-red-800" : "text-slate-600"
              }`}
              title={
                line.decided_at && line.decided_via ? `${format.dateTime(line.decided_at)} · ${e.decidedVia[line.decided_via]}` : undefined
              }
            >
              {line.decision === "approved" ? `✓ ${e.approved}` : line.decision === "declined" ? `✕ ${e.declined}` : e.undecided}
            </span>
          </li>
        ))}
      </ul>
      <p className="mt-1 flex justify-between border-t border-slate-200 pt-1">
        <span>{e.total}</span>
        <span>{format.money(estimate.total_nok)}</span>
      </p>
      <p className="flex justify-between font-semibold">
        <span>{e.approvedTotal}</span>
        <span data-testid="estimate-approved-total">{format.money(estimate.approved_total_nok)}</span>
      </p>
      <p className={`text-xs ${estimate.expired ? "text-red-800" : "text-slate-600"}`}>
        {estimate.expired ? e.expired(format.calendarDay(estimate.valid_until)) : e.validTo(format.calendarDay(estimate.valid_until))}
      </p>
    </section>
  );
}
