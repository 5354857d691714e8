"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import { useI18n } from "~/i18n/i18n-provider";
import { ErrorAlert } from "~/components/error-alert";
import { ConfirmDialog } from "~/components/confirm-dialog";

export function StaffSection() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const staff = useQuery(trpc.admin.staff.queryOptions());
  const me = useQuery(trpc.auth.me.queryOptions()).data;
  const [confirming, setConfirming] = useState<{ id: string; name: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.admin.staff.queryKey() });
  const create = useMutation(trpc.admin.createStaff.mutationOptions({ onSuccess: () => void refresh() }));
  const toggle = useMutation(trpc.admin.setStaffDisabled.mutationOptions({ onSuccess: () => void refresh() }));

  return (
    <section aria-labelledby="staff-title" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 id="staff-title" className="mb-3 text-lg font-semibold">
        {t.staff}
      </h2>
      <ul className="mb-4 divide-y divide-slate-100 text-sm">
        {staff.data?.map((member) => (
          <li key={member.id} className="flex items-center gap-3 py-2">
            <div className="min-w-0 flex-1">
              <p>
                <span className={member.disabled ? "text-slate-600 line-through" : "font-medium"}>{member.name}</span>{" "}
                <span className="text-xs text-slate-600">
                  · {t.roles[member.role]}
                  {member.disabled && ` · ${t.disabled}`}
                </span>
              </p>
              <p className="break-all text-slate-600">{member.email}</p>
            </div>
            {member.id === me?.user.id ? (
              // Nobody can lock themself out.
              <span className="shrink-0 text-xs text-slate-600">{t.you}</span>
            ) : (
              <button
                type="button"
                onClick={() =>
                  member.disabled ? toggle.mutate({ id: member.id, disabled: false }) : setConfirming({ id: member.id, name: member.name })
                }
                className="shrink-0 rounded-md border border-slate-300 px-2 py-0.5 whitespace-nowrap hover:bg-slate-50"
              >
                {member.disabled ? t.enable : t.disable}
              </button>
            )}
          </li>
        ))}
      </ul>
      <ErrorAlert error={toggle.error} className="mb-2" />
      <ConfirmDialog
        open={confirming !== null}
        title={t.disableConfirmTitle(confirming?.name ?? "")}
        text={t.disableConfirmText}
        confirmLabel={t.disable}
        cancelLabel={t.cancel}
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          if (confirming) toggle.mutate({ id: confirming.id, disabled: true });
          setConfirming(null);
        }}
      />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          create.mutate(
            {
              name: String(form.get("name")),
              email: String(form.get("email")),
              password: String(form.get("password")),
              role: form.get("role") === "owner" ? "owner" : "staff",
            },
            { onSuccess: () => (event.target as HTMLFormElement).reset() },
          );
        }}
        className="grid gap-2 sm:grid-cols-2"
        aria-label={t.addStaff}
      >
        <input
          name="name"
          required
          placeholder={t.name}
          aria-label={t.name}
          className="min-w-0 rounded-md border border-slate-300 px-3 py-1.5"
        />
        <input
          name="email"
          type="email"
          required
          placeholder={t.email}
          aria-label={t.email}
          className="min-w-0 rounded-md border border-slate-300 px-3 py-1.5"
        />
        <input
          name="password"
          type="password"
          required
          minLength={10}
          autoComplete="new-password"
          placeholder={t.newPassword}
          aria-label={t.newPassword}
          className="min-w-0 rounded-md border border-slate-300 px-3 py-1.5"
        />
        <select name="role" aria-label={t.role} className="min-w-0 rounded-md border border-slate-300 bg-white px-2 py-1.5">
          <option value="staff">{t.roles.staff}</option>
          <option value="owner">{t.roles.owner}</option>
        </select>
        <button
          type="submit"
          disabled={create.isPending}
          className="rounded-md bg-blue-700 px-3 py-1.5 text-white hover:bg-blue-800 disabled:opacity-60 sm:col-span-2"
        >
          {t.addStaff}
        </button>
        <ErrorAlert error={create.error} className="sm:col-span-2" overrides={{ CONFLICT: t.emailTaken }} />
      </form>
    </section>
  );
}
