"use client";

import { useRef } from "react";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import type { BookingDto, CustomerDto } from "@minbil/contracts/dto";
import { useTRPC } from "~/trpc/react";
import { useI18n } from "~/i18n/i18n-provider";
import { CustomerLinkSection } from "../customer-link/customer-link-section";
import { useEstimateText } from "../estimates/estimate-text";
import { CustomerChannels } from "./customer-channels";

/** The booking beside the conversation on wide screens (1024 px and up). */
type BookingProps = { booking: BookingDto; customer: CustomerDto; /** NOK the customer approved on estimates. */ approvedTotal: number };

export function BookingPanel({ booking, customer, approvedTotal }: BookingProps) {
  const { t } = useI18n();
  return (
    <aside
      aria-label={t.booking}
      className="hidden w-72 shrink-0 overflow-y-auto border-l border-slate-200 bg-white p-4 lg:block"
      data-testid="booking-panel"
    >
      <h2 className="mb-3 text-sm font-semibold tracking-wide text-slate-600 uppercase">{t.booking}</h2>
      <BookingDetails booking={booking} customer={customer} approvedTotal={approvedTotal} />
    </aside>
  );
}

/** On phones and tablets the same details are one tap away, in a sheet over the conversation. */
export function BookingDetailsButton({ booking, customer, approvedTotal }: BookingProps) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <button
        type="button"
        onClick={() => dialog.current?.showModal()}
        className="min-h-11 shrink-0 rounded-md border border-slate-300 px-3 text-sm hover:bg-slate-50 md:min-h-8 lg:hidden"
        data-testid="booking-details-button"
      >
        {t.booking}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby="booking-sheet-title"
        className="m-0 mt-auto max-h-[85dvh] w-full max-w-none rounded-t-xl p-0 backdrop:bg-black/40 sm:m-auto sm:max-w-md sm:rounded-xl"
        onClick={(event) => event.target === dialog.current && dialog.current?.close()}
      >
        <div className="sticky top-0 flex items-center justify-between border-b border-slate-200 bg-white px-4 py-2">
          <h2 id="booking-sheet-title" className="font-semibold">
            {t.booking}
          </h2>
          <form method="dialog">
            <button className="min-h-11 rounded px-3 text-sm hover:bg-slate-100">{t.close}</button>
          </form>
        </div>
        <div className="p-4" data-testid="booking-sheet">
          <BookingDetails booking={booking} customer={customer} approvedTotal={approvedTotal} onNavigate={() => dialog.current?.close()} />
        </div>
      </dialog>
    </>
  );
}

/** Who, which car, what, when, where it stands, and the customer's earlier bookings here. */
function BookingDetails({ booking, customer, approvedTotal, onNavigate }: BookingProps & { onNavigate?: () => void }) {
  const { t, format } = useI18n();
  const trpc = useTRPC();
  const estimateText = useEstimateText();
  const earlier = useQuery(trpc.bookings.ofCustomer.queryOptions({ booking_id: booking.id })).data;
  const vehicle = [booking.vehicle.make, booking.vehicle.model].filter(Boolean).join(" ");
  const rows: { label: string; value: React.ReactNode }[] = [
    {
      label: t.customer,
      value: (
        <>
          {customer.name}
          {customer.phone && (
            <>
              <br />
              <a className="inline-block py-1 text-blue-700" href={`tel:${customer.phone.replace(/\s/g, "")}`}>
                {customer.phone}
              </a>
            </>
          )}
          {customer.email && (
            <>
              <br />
              <a className="inline-block py-1 break-all text-blue-700" href={`mailto:${customer.email}`}>
                {customer.email}
              </a>
            </>
          )}
        </>
      ),
    },
    {
      label: t.vehicle,
      value: (
        <>
          {booking.vehicle.registration_number}
          {vehicle && (
            <>
              <br />
              {vehicle}
            </>
          )}
        </>
      ),
    },
    { label: t.service, value: booking.service },
    { label: t.time, value: <time dateTime={booking.scheduled_at}>{format.dateTime(booking.scheduled_at)}</time> },
    { label: t.status, value: t.statuses[booking.status] },
    { label: t.reference, value: booking.reference },
    ...(approvedTotal > 0
      ? [{ label: estimateText.approvedTotal, value: <span data-testid="booking-approved-total">{format.money(approvedTotal)}</span> }]
      : []),
  ];
  return (
    <>
      <dl className="space-y-3 text-sm">
        {rows.map(({ label, value }) => (
          <div key={label}>
            <dt className="text-xs text-slate-600">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <CustomerLinkSection bookingId={booking.id} />
      <CustomerChannels bookingId={booking.id} />
      <h3 className="mt-5 mb-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">{t.earlierBookings}</h3>
      {earlier && earlier.data.length === 0 && <p className="text-sm text-slate-600">{t.noEarlierBookings}</p>}
      <ul className="space-y-1 text-sm" data-testid="earlier-bookings">
        {earlier?.data.map((other) => (
          <li key={other.id}>
            <Link href={`/inbox/${other.id}`} onClick={onNavigate} className="block rounded-md px-2 py-1.5 hover:bg-slate-100">
              <span className="font-medium">{other.service}</span>
              <span className="block text-xs text-slate-600">
                {format.date(other.scheduled_at)} · {t.statuses[other.status]} · {other.reference}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
