"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import { useCustomerChannelsText } from "~/i18n/customer-channels-text";
import { ErrorAlert } from "~/components/error-alert";

/** Owners turn SMS and e-mail to customers on and off; a channel the server has no provider for cannot be turned on. */
export function ChannelsSection() {
  const trpc = useTRPC();
  const words = useCustomerChannelsText();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.channels.settings.queryOptions()).data;
  const update = useMutation(
    trpc.channels.updateSettings.mutationOptions({
      onSuccess: (data) => queryClient.setQueryData(trpc.channels.settings.queryKey(), data),
    }),
  );
  return (
    <section
      aria-labelledby="channels-title"
      className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200"
      data-testid="channels-section"
    >
      <h2 id="channels-title" className="mb-1 text-lg font-semibold">
        {words.settingsTitle}
      </h2>
      <p className="mb-3 text-sm text-slate-600">{words.settingsHint}</p>
      {settings && (
        <ul className="space-y-2 text-sm">
          {(["sms", "email"] as const).map((channel) => (
            <li key={channel}>
              <label className="inline-flex min-h-11 items-center gap-2">
                <input
                  type="checkbox"
                  className="h-5 w-5"
                  checked={settings[channel].enabled}
                  disabled={update.isPending || (!settings[channel].configured && !settings[channel].enabled)}
                  onChange={(event) => update.mutate({ [channel]: event.target.checked })}
                />
                <span className="font-medium">{words.names[channel]}</span>
                {!settings[channel].configured && <span className="text-slate-600">({words.notConfigured})</span>}
              </label>
            </li>
          ))}
          {settings.email.configured && (
            <li className="text-slate-600">{settings.email_replies ? words.emailReplies : words.noEmailReplies}</li>
          )}
        </ul>
      )}
      <ErrorAlert error={update.error} className="mt-2" />
    </section>
  );
}
