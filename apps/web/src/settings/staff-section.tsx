"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import { useI18n } from "~/i18n/i18n-provider";

export function StaffSection() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const staff = useQuery(trpc.admin.staff.queryOptions());
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
          <li key={member.id} className="flex items-center gap-3 py-1.5">
            <span className={member.disabled ? "text-slate-400 line-through" : ""}>{member.name}</span>
            <span className="text-slate-500">{member.email}</span>
            <span className="text-xs text-slate-500">{t.roles[member.role]}</span>
            <button
              type="button"
              onClick={() => toggle.mutate({ id: member.id, disabled: !member.disabled })}
              className="ml-auto rounded-md border border-slate-300 px-2 py-0.5 hover:bg-slate-50"
            >
              {member.disabled ? t.enable : t.disable}
            </button>
          </li>
        ))}
      </ul>
      {toggle.error && (
        <p role="alert" className="mb-2 text-sm text-red-700">
          {toggle.error.message}
        </p>
      )}
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
        <input name="name" required placeholder={t.name} aria-label={t.name} className="rounded-md border border-slate-300 px-3 py-1.5" />
        <input
          name="email"
          type="email"
          required
          placeholder={t.email}
          aria-label={t.email}
          className="rounded-md border border-slate-300 px-3 py-1.5"
        />
        <input
          name="password"
          type="password"
          required
          minLength={10}
          autoComplete="new-password"
          placeholder={t.newPassword}
          aria-label={t.newPassword}
          className="rounded-md border border-slate-300 px-3 py-1.5"
        />
        <select name="role" aria-label={t.role} className="rounded-md border border-slate-300 bg-white px-2 py-1.5">
          <option value="staff">{t.roles.staff}</option>
          <option value="owner">{t.roles.owner}</option>
        </select>
        <button
          type="submit"
          disabled={create.isPending}
          className="rounded-md bg-blue-700 px-3 py-1.5 text-white disabled:opacity-60 sm:col-span-2"
        >
          {t.addStaff}
        </button>
        {create.error && (
          <p role="alert" className="text-sm text-red-700 sm:col-span-2">
            {create.error.message}
          </p>
        )}
      </form>
    </section>
  );
}
