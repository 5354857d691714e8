"use client";

import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { EVENT_TYPES, type EventType } from "@minbil/contracts/events/event.schema";
import { useTRPC } from "~/trpc/react";
import { useI18n } from "~/i18n/i18n-provider";
import { ErrorAlert } from "~/components/error-alert";
import { SecretNotice } from "./secret-notice";

/** URL, description and event types (none checked: all); the new endpoint's secret is shown once below. */
export function AddWebhookForm() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [types, setTypes] = useState<EventType[]>([]);
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const create = useMutation(
    trpc.webhooks.create.mutationOptions({
      onSuccess: (endpoint) => {
        setCreated({ url: endpoint.url, secret: endpoint.secret });
        setTypes([]);
        void queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() });
      },
    }),
  );

  return (
    <>
      <form
        aria-label={t.addWebhook}
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const data = new FormData(form);
          create.mutate(
            {
              url: String(data.get("url")),
              description: String(data.get("description") ?? ""),
              event_types: types.length ? types : null,
            },
            { onSuccess: () => form.reset() },
          );
        }}
        className="grid gap-2 sm:grid-cols-2"
      >
        <input
          name="url"
          type="url"
          required
          maxLength={2000}
          placeholder={t.webhookUrl}
          aria-label={t.webhookUrl}
          className="min-w-0 rounded-md border border-slate-300 px-3 py-1.5"
        />
        <input
          name="description"
          maxLength={500}
          placeholder={t.webhookDescription}
          aria-label={t.webhookDescription}
          className="min-w-0 rounded-md border border-slate-300 px-3 py-1.5"
        />
        <fieldset className="min-w-0 text-sm sm:col-span-2" aria-describedby="webhook-events-hint">
          <legend className="font-medium">{t.webhookEvents}</legend>
          <p id="webhook-events-hint" className="text-xs text-slate-600">
            {t.webhookEventsHint}
          </p>
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {EVENT_TYPES.map((type) => (
              <label key={type} className="flex min-w-0 items-center gap-1.5">
                <input
                  type="checkbox"
                  checked={types.includes(type)}
                  onChange={(event) => setTypes(event.target.checked ? [...types, type] : types.filter((other) => other !== type))}
                />
                <span className="min-w-0 break-words">
                  {t.eventTypeNames[type]} <code className="text-xs text-slate-600">{type}</code>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <button
          type="submit"
          disabled={create.isPending}
          className="rounded-md bg-blue-700 px-3 py-1.5 text-white hover:bg-blue-800 disabled:opacity-60 sm:col-span-2"
        >
          {t.addWebhook}
        </button>
        <ErrorAlert error={create.error} className="sm:col-span-2" overrides={{ VALIDATION_FAILED: t.webhookUrlInvalid }} />
      </form>
      {created && <SecretNotice key={created.secret} url={created.url} secret={created.secret} className="mt-3" />}
    </>
  );
}
