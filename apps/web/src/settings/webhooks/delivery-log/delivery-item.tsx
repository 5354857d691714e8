"use client";

import { useId, useState } from "react";
import type { WebhookDeliveryDto } from "@minbil/contracts/webhooks/webhook.schema";
import { useI18n } from "~/i18n/i18n-provider";
import { DeliveryStatusBadge } from "./delivery-status-badge";
import { AttemptItem } from "./attempt-item";

/** One delivery: status, event, its webhook-id, Redeliver, the newest attempt, and the earlier ones on request. */
export function DeliveryItem({
  delivery,
  endpointEnabled,
  onRedeliver,
}: {
  delivery: WebhookDeliveryDto;
  endpointEnabled: boolean;
  onRedeliver: () => void;
}) {
  const { t, format } = useI18n();
  const [allAttempts, setAllAttempts] = useState(false);
  const olderId = useId();
  const [newest, ...older] = delivery.attempts;
  // attempt_count includes an attempt in flight (not listed yet); beyond that, only the newest attempts are listed.
  const unlisted = delivery.attempt_count - delivery.attempts.length > (delivery.status === "pending" ? 1 : 0);

  return (
    <li
      tabIndex={-1}
      className="rounded-md bg-slate-50 p-2 focus:outline-2 focus:outline-offset-2 focus:outline-blue-600"
      data-testid="delivery"
      data-delivery-id={delivery.id}
    >
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <DeliveryStatusBadge status={delivery.status} />
        <code className="font-mono text-xs font-semibold break-all">{delivery.event_type}</code>
        <time dateTime={delivery.created_at} className="text-xs text-slate-600">
          {format.dateTimeSeconds(delivery.created_at)}
        </time>
        <button
          type="button"
          onClick={onRedeliver}
          className="ml-auto rounded-md border border-slate-300 bg-white px-2 py-0.5 text-xs whitespace-nowrap hover:bg-slate-100"
        >
          {t.redeliver}
        </button>
      </div>
      <dl className="mt-1 grid grid-cols-[auto_minmax(0,1fr)] gap-x-2 text-xs text-slate-700">
        <dt>{t.eventId}</dt>
        <dd className="font-mono break-all">{delivery.event_id}</dd>
        <dt>webhook-id</dt>
        <dd className="font-mono break-all">{delivery.id}</dd>
      </dl>
      {delivery.status === "pending" && (
        <p className="mt-1 text-xs text-slate-700">
          {!endpointEnabled ? t.waitsWhileOff : delivery.next_attempt_at && t.nextAttempt(format.dateTimeSeconds(delivery.next_attempt_at))}
        </p>
      )}
      {newest ? (
        <ol className="mt-1 space-y-1">
          <AttemptItem attempt={newest} />
        </ol>
      ) : (
        <p className="mt-1 text-xs text-slate-600">{t.notAttempted}</p>
      )}
      {older.length > 0 && (
        <>
          <button
            type="button"
            aria-expanded={allAttempts}
            aria-controls={olderId}
            onClick={() => setAllAttempts(!allAttempts)}
            className="mt-1 text-xs text-blue-800 underline"
          >
            {allAttempts ? t.showNewestAttempt : t.showAllAttempts(delivery.attempts.length)}
          </button>
          <ol id={olderId} className="mt-1 space-y-1" hidden={!allAttempts}>
            {older.map((attempt, index) => (
              <AttemptItem key={`${attempt.attempted_at}-${index}`} attempt={attempt} />
            ))}
          </ol>
        </>
      )}
      {unlisted && delivery.attempts.length > 0 && (
        <p className="mt-1 text-xs text-slate-600">{t.moreAttempts(delivery.attempts.length, delivery.attempt_count)}</p>
      )}
    </li>
  );
}
