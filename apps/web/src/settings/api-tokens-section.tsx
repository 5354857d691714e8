"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import { useI18n } from "~/i18n/i18n-provider";
import { ErrorAlert } from "~/components/error-alert";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { RevokedStatus } from "./revoked-status";

export function ApiTokensSection() {
  const trpc = useTRPC();
  const { t, format } = useI18n();
  const queryClient = useQueryClient();
  const tokens = useQuery(trpc.admin.tokens.queryOptions());
  const [name, setName] = useState("");
  const [secret, setSecret] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<{ id: string; name: string } | null>(null);
  const [revokedId, setRevokedId] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.admin.tokens.queryKey() });
  const create = useMutation(
    trpc.admin.createToken.mutationOptions({
      onSuccess: (token) => {
        setSecret(token.secret);
        setName("");
        void refresh();
      },
    }),
  );
  const revoke = useMutation(
    trpc.admin.revokeToken.mutationOptions({
      onSuccess: (_, { id }) => {
        setRevokedId(id);
        void refresh();
      },
    }),
  );

  return (
    <section aria-labelledby="tokens-title" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 id="tokens-title" className="text-lg font-semibold">
        {t.apiTokens}
      </h2>
      <p className="mb-3 text-sm text-slate-600">{t.apiTokensHelp}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate({ name });
        }}
        className="mb-3 flex gap-2"
      >
        <label className="min-w-0 flex-1">
          <span className="sr-only">{t.tokenName}</span>
          <input
            value={name}
            onChange={(event) => setName(event.target.value)}
            required
            maxLength={100}
            placeholder={t.tokenName}
            className="w-full rounded-md border border-slate-300 px-3 py-1.5"
          />
        </label>
        <button
          type="submit"
          disabled={create.isPending}
          className="shrink-0 rounded-md bg-blue-700 px-3 py-1.5 text-white hover:bg-blue-800 disabled:opacity-60"
        >
          {t.createToken}
        </button>
      </form>
      <ErrorAlert error={create.error} className="mb-2" />
      {secret && (
        <div role="status" className="mb-3 rounded-md bg-green-50 p-3 text-sm text-green-900">
          {t.tokenCreated}
          <code className="mt-1 block rounded bg-white p-2 font-mono text-xs break-all" data-testid="new-token">
            {secret}
          </code>
        </div>
      )}
      <ErrorAlert error={revoke.error} className="mb-2" />
      <table className="w-full table-fixed text-left text-sm">
        <thead className="text-xs text-slate-600">
          <tr>
            <th className="py-1 pr-3">{t.name}</th>
            <th className="hidden w-44 pr-3 sm:table-cell">{t.created}</th>
            <th className="hidden w-44 pr-3 sm:table-cell">{t.lastUsed}</th>
            <th className="w-32 text-right">
              <span className="sr-only">{t.actions}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.data?.map((token) => {
            const lastUsed = token.last_used_at ? format.dateTime(token.last_used_at) : t.never;
            return (
              <tr key={token.id} className="border-t border-slate-100 align-top">
                <td className="py-2 pr-3 break-words">
                  {token.name} <span className="font-mono text-xs text-slate-600">{token.prefix}…</span>
                  {/* On a phone the dates go under the name instead of in columns of their own. */}
                  <span className="mt-0.5 block text-xs text-slate-600 sm:hidden">
                    {t.created} {format.dateTime(token.created_at)} · {t.lastUsed} {lastUsed}
                  </span>
                </td>
                <td className="hidden py-2 pr-3 sm:table-cell">{format.dateTime(token.created_at)}</td>
                <td className="hidden py-2 pr-3 sm:table-cell">{lastUsed}</td>
                <td className="py-2 text-right">
                  {token.revoked_at ? (
                    <RevokedStatus focus={token.id === revokedId} />
                  ) : (
                    <button
                      type="button"
                      onClick={() => setConfirming({ id: token.id, name: token.name })}
                      className="rounded-md border border-red-300 px-2 py-0.5 whitespace-nowrap text-red-700 hover:bg-red-50"
                    >
                      {t.revoke}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ConfirmDialog
        open={confirming !== null}
        title={t.revokeConfirmTitle(confirming?.name ?? "")}
        text={t.revokeConfirmText}
        confirmLabel={t.revoke}
        cancelLabel={t.cancel}
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          if (confirming) revoke.mutate({ id: confirming.id });
          setConfirming(null);
        }}
      />
    </section>
  );
}
