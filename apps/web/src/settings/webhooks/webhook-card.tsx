"use client";

import { useId, useState } from "react";
import type { WebhookEndpointDto } from "@minbil/contracts/webhooks/webhook.schema";
import { useI18n } from "~/i18n/i18n-provider";
import { WebhookState } from "./webhook-state";
import { WebhookActions } from "./webhook-actions";
import { DeliveryLog } from "./delivery-log/delivery-log";

/** One endpoint: where it sends, what, whether it is on; its actions; its delivery log behind a toggle. */
export function WebhookCard({ endpoint, onDeleted }: { endpoint: WebhookEndpointDto; onDeleted: () => void }) {
  const { t } = useI18n();
  const [logOpen, setLogOpen] = useState(false);
  const titleId = useId();
  const logId = useId();

  return (
    <li className="rounded-lg border border-slate-200 p-3 text-sm" data-testid="webhook">
      <div className="flex flex-wrap items-start gap-x-3 gap-y-1">
        <h3 id={titleId} className="min-w-0 flex-1 font-mono text-sm font-semibold break-all">
          {endpoint.url}
        </h3>
        <WebhookState endpoint={endpoint} />
      </div>
      {endpoint.description && <p className="mt-1 break-words text-slate-700">{endpoint.description}</p>}
      <p className="mt-1 text-xs break-words text-slate-600">
        {t.webhookEvents}: {endpoint.event_types ? endpoint.event_types.map((type) => t.eventTypeNames[type]).join(", ") : t.allEvents}
      </p>
      <WebhookActions endpoint={endpoint} onTestSent={() => setLogOpen(true)} onDeleted={onDeleted} />
      <button
        type="button"
        aria-expanded={logOpen}
        aria-controls={logId}
        onClick={() => setLogOpen(!logOpen)}
        className="mt-3 flex items-center gap-1 rounded-md px-1 py-0.5 text-blue-800 hover:bg-blue-50"
      >
        <span aria-hidden="true" className={`inline-block transition-transform ${logOpen ? "rotate-90" : ""}`}>
          ▸
        </span>
        {t.showDeliveries}
      </button>
      <div id={logId}>{logOpen && <DeliveryLog endpointId={endpoint.id} endpointEnabled={endpoint.enabled} />}</div>
    </li>
  );
}
