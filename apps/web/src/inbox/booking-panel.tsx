"use client";

import type { BookingDto, CustomerDto } from "@minbil/contracts/dto";
import { useI18n } from "~/i18n/i18n-provider";

/** The booking beside the conversation: who, which car, what, when, where it stands. */
export function BookingPanel({ booking, customer }: { booking: BookingDto; customer: CustomerDto }) {
  const { t, format } = useI18n();
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
              <a className="text-blue-700" href={`tel:${customer.phone.replace(/\s/g, "")}`}>
                {customer.phone}
              </a>
            </>
          )}
          {customer.email && (
            <>
              <br />
              <a className="text-blue-700" href={`mailto:${customer.email}`}>
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
  ];
  return (
    <aside
      aria-label={t.booking}
      className="hidden w-72 shrink-0 overflow-y-auto border-l border-slate-200 bg-white p-4 lg:block"
      data-testid="booking-panel"
    >
      <h2 className="mb-3 text-sm font-semibold uppercase tracking-wide text-slate-600">{t.booking}</h2>
      <dl className="space-y-3 text-sm">
        {rows.map(({ label, value }) => (
          <div key={label}>
            <dt className="text-xs text-slate-600">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}
