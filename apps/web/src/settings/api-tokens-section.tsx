"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import { useI18n } from "~/i18n/i18n-provider";

export function ApiTokensSection() {
  const trpc = useTRPC();
  const { t, format } = useI18n();
  const queryClient = useQueryClient();
  const tokens = useQuery(trpc.admin.tokens.queryOptions());
  const [name, setName] = useState("");
  const [secret, setSecret] = useState<string | null>(null);
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
  const revoke = useMutation(trpc.admin.revokeToken.mutationOptions({ onSuccess: () => void refresh() }));

  return (
    <section aria-labelledby="tokens-title" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 id="tokens-title" className="text-lg font-semibold">
        {t.apiTokens}
      </h2>
      <p className="mb-3 text-sm text-slate-500">{t.apiTokensHelp}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate({ name });
        }}
        className="mb-3 flex gap-2"
      >
        <label className="flex-1">
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
        <button type="submit" disabled={create.isPending} className="rounded-md bg-blue-700 px-3 py-1.5 text-white disabled:opacity-60">
          {t.createToken}
        </button>
      </form>
      {create.error && (
        <p role="alert" className="mb-2 text-sm text-red-700">
          {create.error.message}
        </p>
      )}
      {secret && (
        <div role="status" className="mb-3 rounded-md bg-green-50 p-3 text-sm text-green-900">
          {t.tokenCreated}
          <code className="mt-1 block break-all rounded bg-white p-2 font-mono text-xs" data-testid="new-token">
            {secret}
          </code>
        </div>
      )}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-slate-500">
            <tr>
              <th className="py-1 pr-3">{t.name}</th>
              <th className="pr-3">{t.created}</th>
              <th className="pr-3">{t.lastUsed}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.data?.map((token) => (
              <tr key={token.id} className="border-t border-slate-100">
                <td className="py-1.5 pr-3">
                  {token.name} <span className="font-mono text-xs text-slate-400">{token.prefix}…</span>
                </td>
                <td className="pr-3">{format.dateTime(token.created_at)}</td>
                <td className="pr-3">{token.last_used_at ? format.dateTime(token.last_used_at) : t.never}</td>
                <td className="text-right">
                  {token.revoked_at ? (
                    <span className="text-slate-400">{t.revoked}</span>
                  ) : (
                    <button
                      type="button"
                      onClick={() => revoke.mutate({ id: token.id })}
                      className="rounded-md border border-red-300 px-2 py-0.5 text-red-700 hover:bg-red-50"
                    >
                      {t.revoke}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
