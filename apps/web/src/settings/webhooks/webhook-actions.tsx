"use client";

import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { WebhookEndpointDto } from "@minbil/contracts/webhooks/webhook.schema";
import { useTRPC } from "~/trpc/react";
import { useI18n } from "~/i18n/i18n-provider";
import { ErrorAlert } from "~/components/error-alert";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { SecretNotice } from "./secret-notice";

const BUTTON = "rounded-md border px-2 py-0.5 whitespace-nowrap aria-disabled:opacity-60";

/** Turn off / on, send a test event, rotate the secret (asked first; the new one shown once), delete (asked first). */
export function WebhookActions({
  endpoint,
  onTestSent,
  onDeleted,
}: {
  endpoint: WebhookEndpointDto;
  onTestSent: () => void;
  onDeleted: () => void;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<"rotate" | "delete" | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [notice, setNotice] = useState("");
  const refreshList = () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() });
  const refreshLog = () => queryClient.invalidateQueries(trpc.webhooks.deliveries.infiniteQueryFilter({ id: endpoint.id }));

  const toggle = useMutation(
    trpc.webhooks.update.mutationOptions({
      onSuccess: (updated) => {
        setNotice(updated.enabled ? t.turnedOn : t.turnedOff);
        void refreshList();
      },
    }),
  );
  const rotate = useMutation(
    trpc.webhooks.rotateSecret.mutationOptions({
      onSuccess: (rotated) => {
        setSecret(rotated.secret);
        void refreshList();
      },
    }),
  );
  const sendTest = useMutation(
    trpc.webhooks.sendTest.mutationOptions({
      onSuccess: () => {
        setNotice(t.testEventQueued);
        onTestSent();
        void refreshLog();
      },
    }),
  );
  const remove = useMutation(
    trpc.webhooks.delete.mutationOptions({
      onSuccess: () => {
        onDeleted();
        void refreshList();
      },
    }),
  );
  // Buttons stay enabled while a call runs (a disabled button would drop the keyboard focus); a second press waits.
  const busy = toggle.isPending || rotate.isPending || sendTest.isPending || remove.isPending;
  const unlessBusy = (action: () => void) => () => {
    if (!busy) action();
  };

  return (
    <>
      {!endpoint.enabled && <p className="mt-1 text-xs text-slate-600">{t.enableHint}</p>}
      <div role="group" aria-label={t.webhookActions} className="mt-2 flex flex-wrap gap-2">
        <button
          type="button"
          aria-disabled={busy}
          onClick={unlessBusy(() => toggle.mutate({ id: endpoint.id, enabled: !endpoint.enabled }))}
          className={`${BUTTON} border-slate-300 hover:bg-slate-50`}
        >
          {endpoint.enabled ? t.turnOff : t.turnOn}
        </button>
        <button
          type="button"
          aria-disabled={busy}
          onClick={unlessBusy(() => sendTest.mutate({ id: endpoint.id }))}
          className={`${BUTTON} border-slate-300 hover:bg-slate-50`}
        >
          {t.sendTestEvent}
        </button>
        <button
          type="button"
          aria-disabled={busy}
          onClick={unlessBusy(() => setConfirming("rotate"))}
          className={`${BUTTON} border-slate-300 hover:bg-slate-50`}
        >
          {t.rotateSecret}
        </button>
        <button
          type="button"
          aria-disabled={busy}
          onClick={unlessBusy(() => setConfirming("delete"))}
          className={`${BUTTON} border-red-300 text-red-700 hover:bg-red-50`}
        >
          {t.deleteWebhook}
        </button>
      </div>
      <p role="status" className="mt-1 text-xs text-slate-700">
        {notice}
      </p>
      {[toggle, sendTest, rotate, remove].map((mutation, index) => (
        <ErrorAlert key={index} error={mutation.error} className="mt-1" />
      ))}
      {secret && <SecretNotice key={secret} url={endpoint.url} secret={secret} rotated className="mt-2" />}
      <ConfirmDialog
        open={confirming === "rotate"}
        title={t.rotateConfirmTitle(endpoint.url)}
        text={t.rotateConfirmText}
        confirmLabel={t.rotateSecret}
        cancelLabel={t.cancel}
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          setConfirming(null);
          rotate.mutate({ id: endpoint.id });
        }}
      />
      <ConfirmDialog
        open={confirming === "delete"}
        title={t.deleteWebhookConfirmTitle(endpoint.url)}
        text={t.deleteWebhookConfirmText}
        confirmLabel={t.deleteWebhook}
        cancelLabel={t.cancel}
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          setConfirming(null);
          remove.mutate({ id: endpoint.id });
        }}
      />
    </>
  );
}
