"use client";

import { useId, useState } from "react";
import { BOOKING_STATUSES, type BookingStatusValue } from "@minbil/contracts/values";
import { unknownTemplateVariables } from "@minbil/contracts/templates/template-variables";
import { useI18n } from "~/i18n/i18n-provider";

export interface TemplateFields {
  name: string;
  body_nb: string;
  body_en: string;
  booking_status: BookingStatusValue | null;
}

/**
 * A template's fields, checked as they are typed (no zod in the browser): an unknown `{variable}` is
 * named under its field at once, and the form is not sent until every field is fine. The server checks
 * the same again.
 */
export function TemplateForm({
  initial,
  takenNames,
  formLabel,
  submitLabel,
  pending,
  onSubmit,
  onCancel,
  children,
}: {
  initial: TemplateFields;
  /** Names of the workshop's other templates (a name must be unique). */
  takenNames: string[];
  /** The form's accessible name. */
  formLabel: string;
  submitLabel: string;
  pending: boolean;
  onSubmit: (fields: TemplateFields, reset: () => void) => void;
  onCancel?: () => void;
  /** Shown under the fields (the server's error). */
  children?: React.ReactNode;
}) {
  const { t } = useI18n();
  const id = useId();
  const [fields, setFields] = useState(initial);
  const set = <K extends keyof TemplateFields>(key: K, value: TemplateFields[K]) => setFields((current) => ({ ...current, [key]: value }));
  const nameTaken = takenNames.some((name) => name.trim().toLowerCase() === fields.name.trim().toLowerCase());
  const unknown = {
    body_nb: unknownTemplateVariables(fields.body_nb),
    body_en: unknownTemplateVariables(fields.body_en),
  };
  const invalid = nameTaken || unknown.body_nb.length > 0 || unknown.body_en.length > 0;
  const fieldClass = "min-w-0 w-full rounded-md border px-3 py-1.5 aria-invalid:border-red-600";

  const bodyField = (key: "body_nb" | "body_en", label: string, required: boolean) => (
    <div className="sm:col-span-2">
      <label htmlFor={`${id}-${key}`} className="block text-sm font-medium">
        {label}
      </label>
      <textarea
        id={`${id}-${key}`}
        name={key}
        required={required}
        rows={3}
        maxLength={10_000}
        value={fields[key]}
        onChange={(event) => set(key, event.target.value)}
        aria-invalid={unknown[key].length > 0}
        aria-describedby={unknown[key].length > 0 ? `${id}-${key}-error` : undefined}
        className={`${fieldClass} border-slate-300`}
      />
      {unknown[key].length > 0 && (
        <p id={`${id}-${key}-error`} role="alert" className="text-sm text-red-700">
          {t.templates.unknownVariables(unknown[key].map((name) => `{${name}}`).join(", "))}
        </p>
      )}
    </div>
  );

  return (
    <form
      aria-label={formLabel}
      onSubmit={(event) => {
        event.preventDefault();
        if (invalid) return;
        onSubmit({ ...fields, name: fields.name.trim(), body_nb: fields.body_nb.trim(), body_en: fields.body_en.trim() }, () =>
          setFields(initial),
        );
      }}
      className="grid gap-2 sm:grid-cols-2"
    >
      <div>
        <label htmlFor={`${id}-name`} className="block text-sm font-medium">
          {t.templates.name}
        </label>
        <input
          id={`${id}-name`}
          name="name"
          required
          maxLength={80}
          value={fields.name}
          onChange={(event) => set("name", event.target.value)}
          aria-invalid={nameTaken}
          aria-describedby={nameTaken ? `${id}-name-error` : undefined}
          className={`${fieldClass} border-slate-300`}
        />
        {nameTaken && (
          <p id={`${id}-name-error`} role="alert" className="text-sm text-red-700">
            {t.templates.nameTaken}
          </p>
        )}
      </div>
      <div>
        <label htmlFor={`${id}-status`} className="block text-sm font-medium">
          {t.templates.bookingStatus}
        </label>
        <select
          id={`${id}-status`}
          name="booking_status"
          value={fields.booking_status ?? ""}
          onChange={(event) => set("booking_status", (event.target.value || null) as BookingStatusValue | null)}
          className="w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 py-1.5"
        >
          <option value="">{t.templates.noStatus}</option>
          {BOOKING_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t.statuses[status]}
            </option>
          ))}
        </select>
      </div>
      {bodyField("body_nb", t.templates.bodyNb, true)}
      {bodyField("body_en", t.templates.bodyEn, false)}
      <div className="flex gap-2 sm:col-span-2">
        <button
          type="submit"
          disabled={pending || invalid}
          className="rounded-md bg-blue-700 px-3 py-1.5 text-white hover:bg-blue-800 disabled:opacity-60"
        >
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel} className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50">
            {t.cancel}
          </button>
        )}
      </div>
      {children && <div className="sm:col-span-2">{children}</div>}
    </form>
  );
}
