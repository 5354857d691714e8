"use client";

import type { WebhookEndpointDto } from "@minbil/contracts/webhooks/webhook.schema";
import { useI18n } from "~/i18n/i18n-provider";

/** On or off, why it is off, and a warning while every attempt fails. */
export function WebhookState({ endpoint }: { endpoint: WebhookEndpointDto }) {
  const { t, format } = useI18n();
  return (
    <div className="w-full space-y-1 sm:w-auto sm:max-w-xs sm:text-right" data-testid="webhook-state">
      <span
        className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${
          endpoint.enabled ? "bg-green-100 text-green-900" : "bg-slate-200 text-slate-900"
        }`}
      >
        {endpoint.enabled ? t.webhookOn : t.webhookOff}
      </span>
      {endpoint.disabled_reason && <p className="text-xs text-slate-700">{t.disabledReasons[endpoint.disabled_reason]}</p>}
      {endpoint.failing_since && (
        <p className="rounded-md bg-amber-50 px-2 py-1 text-left text-xs text-amber-900 ring-1 ring-amber-300">
          <strong className="font-semibold">
            <span aria-hidden="true">⚠ </span>
            {t.failingSince(format.dateTime(endpoint.failing_since))}
          </strong>{" "}
          {endpoint.enabled && t.failingHint}
        </p>
      )}
    </div>
  );
}
