"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TEMPLATE_VARIABLES, TEMPLATE_VARIABLE_MEANINGS } from "@minbil/contracts/templates/template-variables";
import { useTRPC } from "~/trpc/react";
import { useI18n } from "~/i18n/i18n-provider";
import { ErrorAlert } from "~/components/error-alert";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { TemplateForm, type TemplateFields } from "./template-form";

const EMPTY: TemplateFields = { name: "", body_nb: "", body_en: "", booking_status: null };

/** Owners' message templates: the list, editing one in place, adding and deleting (with confirmation). */
export function TemplatesSection() {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const queryClient = useQueryClient();
  const templates = useQuery(trpc.templates.list.queryOptions()).data ?? [];
  const [editing, setEditing] = useState<number | null>(null);
  const [confirming, setConfirming] = useState<{ id: number; name: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.templates.list.queryKey() });
  const create = useMutation(trpc.templates.create.mutationOptions({ onSuccess: () => void refresh() }));
  const update = useMutation(
    trpc.templates.update.mutationOptions({
      onSuccess: () => {
        setEditing(null);
        void refresh();
      },
    }),
  );
  const remove = useMutation(trpc.templates.delete.mutationOptions({ onSuccess: () => void refresh() }));
  const namesExcept = (id: number | null) => templates.filter((template) => template.id !== id).map((template) => template.name);
  const serverErrors = { VALIDATION_FAILED: t.templates.nameTaken };

  return (
    <section aria-labelledby="templates-title" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 id="templates-title" className="mb-1 text-lg font-semibold">
        {t.templates.title}
      </h2>
      <p className="mb-2 text-sm text-slate-600">{t.templates.help}</p>
      <p className="mb-3 text-sm text-slate-600">
        {t.templates.variablesHelp}{" "}
        {TEMPLATE_VARIABLES.map((name, index) => (
          <span key={name}>
            {index > 0 && ", "}
            <code className="text-slate-800">{`{${name}}`}</code> {TEMPLATE_VARIABLE_MEANINGS[name][locale]}
          </span>
        ))}
      </p>
      {templates.length === 0 && <p className="mb-3 text-sm text-slate-600">{t.templates.none}</p>}
      <ul className="mb-4 divide-y divide-slate-100 text-sm">
        {templates.map((template) => (
          <li key={template.id} className="py-2">
            {editing === template.id ? (
              <TemplateForm
                initial={{
                  name: template.name,
                  body_nb: template.body_nb,
                  body_en: template.body_en,
                  booking_status: template.booking_status,
                }}
                takenNames={namesExcept(template.id)}
                formLabel={`${t.templates.edit}: ${template.name}`}
                submitLabel={t.templates.save}
                pending={update.isPending}
                onSubmit={(fields) => update.mutate({ id: template.id, ...fields })}
                onCancel={() => {
                  setEditing(null);
                  update.reset();
                }}
              >
                <ErrorAlert error={update.error} overrides={serverErrors} />
              </TemplateForm>
            ) : (
              <div className="flex items-start gap-3">
                <div className="min-w-0 flex-1">
                  <p>
                    <span className="font-medium">{template.name}</span>
                    {template.booking_status && (
                      <span className="ml-2 rounded bg-emerald-50 px-1.5 py-0.5 text-xs font-normal text-emerald-800">
                        {t.templates.setsStatus(t.statuses[template.booking_status])}
                      </span>
                    )}
                  </p>
                  <p className="break-words whitespace-pre-line text-slate-600">{template.body_nb}</p>
                </div>
                <button
                  type="button"
                  onClick={() => {
                    update.reset();
                    setEditing(template.id);
                  }}
                  className="shrink-0 rounded-md border border-slate-300 px-2 py-0.5 hover:bg-slate-50"
                >
                  {t.templates.edit}
                </button>
                <button
                  type="button"
                  onClick={() => setConfirming({ id: template.id, name: template.name })}
                  className="shrink-0 rounded-md border border-slate-300 px-2 py-0.5 hover:bg-slate-50"
                >
                  {t.templates.delete}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <ErrorAlert error={remove.error} className="mb-2" />
      <ConfirmDialog
        open={confirming !== null}
        title={t.templates.deleteConfirmTitle(confirming?.name ?? "")}
        text={t.templates.deleteConfirmText}
        confirmLabel={t.templates.delete}
        cancelLabel={t.cancel}
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          if (confirming) remove.mutate({ id: confirming.id });
          setConfirming(null);
        }}
      />
      <h3 className="mb-2 font-medium">{t.templates.add}</h3>
      <TemplateForm
        initial={EMPTY}
        takenNames={namesExcept(null)}
        formLabel={t.templates.add}
        submitLabel={t.templates.add}
        pending={create.isPending}
        onSubmit={(fields, reset) => create.mutate(fields, { onSuccess: reset })}
      >
        <ErrorAlert error={create.error} overrides={serverErrors} />
      </TemplateForm>
    </section>
  );
}
