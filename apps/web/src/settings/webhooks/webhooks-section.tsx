"use client";

import { useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import { useI18n } from "~/i18n/i18n-provider";
import { ErrorAlert } from "~/components/error-alert";
import { AddWebhookForm } from "./add-webhook-form";
import { WebhookCard } from "./webhook-card";

/** Owners' webhook endpoints: add one, and per endpoint its state, actions and delivery log. */
export function WebhooksSection() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const endpoints = useQuery(trpc.webhooks.list.queryOptions());
  const [notice, setNotice] = useState("");
  const heading = useRef<HTMLHeadingElement>(null);

  return (
    <section aria-labelledby="webhooks-title" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 id="webhooks-title" ref={heading} tabIndex={-1} className="text-lg font-semibold focus:outline-none">
        {t.webhooks}
      </h2>
      <p className="mb-3 text-sm text-slate-600">{t.webhooksHelp}</p>
      <AddWebhookForm />
      <p role="status" className="text-sm text-slate-700">
        {notice}
      </p>
      <ErrorAlert error={endpoints.error} className="mt-3" />
      {endpoints.data?.length === 0 && <p className="mt-3 text-sm text-slate-600">{t.noWebhooks}</p>}
      <ul className="mt-3 space-y-3">
        {endpoints.data?.map((endpoint) => (
          <WebhookCard
            key={endpoint.id}
            endpoint={endpoint}
            onDeleted={() => {
              setNotice(t.webhookDeleted(endpoint.url));
              // The card and its buttons are gone: focus goes to the section, not to the page's start.
              heading.current?.focus();
            }}
          />
        ))}
      </ul>
    </section>
  );
}
