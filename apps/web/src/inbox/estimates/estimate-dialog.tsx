"use client";

import { useEffect, useRef, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import { useI18n } from "~/i18n/i18n-provider";
import { errorMessage } from "~/i18n/error-message";
import { checkFiles } from "../composer/check-files";
import { parsePrice } from "./parse-price";
import { useEstimateText } from "./estimate-text";

interface LineDraft {
  key: number;
  description: string;
  price: string;
  photo: File | null;
}

const WEEK_MS = 7 * 86_400_000;

/**
 * A new estimate: lines (description, price including VAT, a photo if wanted), a note and the last day
 * it can be decided. Sent as one message (kind `estimate`); the customer decides it line by line on
 * their page, and the answers come back into the thread live.
 */
export function EstimateDialog({ bookingId, onClose }: { bookingId: number; onClose: () => void }) {
  const trpc = useTRPC();
  const { t, format } = useI18n();
  const e = useEstimateText();
  const dialog = useRef<HTMLDialogElement>(null);
  const nextKey = useRef(1);
  const [lines, setLines] = useState<LineDraft[]>([{ key: 0, description: "", price: "", photo: null }]);
  const [note, setNote] = useState("");
  const [validUntil, setValidUntil] = useState(() => format.dayKey(new Date(Date.now() + WEEK_MS)));
  const [error, setError] = useState<string | null>(null);
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const send = useMutation(trpc.messages.send.mutationOptions());

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const update = (key: number, change: Partial<LineDraft>) =>
    setLines((current) => current.map((line) => (line.key === key ? { ...line, ...change } : line)));

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    const prices = lines.map((line) => parsePrice(line.price));
    if (lines.some((line, index) => !line.description.trim() || prices[index] === null)) {
      setError(prices.some((price) => price === null) ? e.invalidPrice : e.needsLine);
      return;
    }
    const photos = lines.flatMap((line) => (line.photo ? [line.photo] : []));
    const problem = checkFiles(photos, t);
    if (problem) {
      setError(problem);
      return;
    }
    let photoIndex = 0;
    const estimate = {
      lines: lines.map((line, index) => ({
        description: line.description.trim(),
        price_nok: prices[index]!,
        ...(line.photo ? { photo_index: photoIndex++ } : {}),
      })),
      valid_until: validUntil,
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    const form = new FormData();
    form.append("booking_id", String(bookingId));
    form.append("estimate", JSON.stringify(estimate));
    form.append("idempotency_key", idempotencyKey);
    for (const photo of photos) form.append("attachments", photo);
    try {
      await send.mutateAsync(form);
      dialog.current?.close();
    } catch (caught) {
      setError(errorMessage(caught, t));
    }
  }

  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      aria-labelledby="estimate-title"
      className="m-auto max-h-[90dvh] w-full max-w-xl rounded-xl p-0 backdrop:bg-black/40"
      data-testid="estimate-dialog"
    >
      <form onSubmit={(event) => void submit(event)} className="space-y-3 p-4">
        <h2 id="estimate-title" className="text-lg font-semibold">
          {e.title}
        </h2>
        <ol className="space-y-3">
          {lines.map((line, index) => (
            <li key={line.key} className="rounded-lg border border-slate-200 p-2" data-testid="estimate-line-input">
              <fieldset>
                <legend className="text-xs font-semibold text-slate-600">
                  {e.line} {index + 1}
                </legend>
                <label className="mt-1 block text-sm">
                  {e.description}
                  <input
                    value={line.description}
                    onChange={(event) => update(line.key, { description: event.target.value })}
                    maxLength={300}
                    required
                    className="mt-0.5 block min-h-11 w-full rounded-md border border-slate-300 px-2 md:min-h-9"
                  />
                </label>
                <div className="mt-1 flex flex-wrap items-end gap-2">
                  <label className="text-sm">
                    {e.price}
                    <input
                      value={line.price}
                      onChange={(event) => update(line.key, { price: event.target.value })}
                      inputMode="decimal"
                      required
                      className="mt-0.5 block min-h-11 w-36 rounded-md border border-slate-300 px-2 md:min-h-9"
                    />
                  </label>
                  <label className="text-sm">
                    {e.photo}
                    <input
                      type="file"
                      accept="image/jpeg,image/png,image/webp,image/heic"
                      onChange={(event) => update(line.key, { photo: event.target.files?.[0] ?? null })}
                      className="mt-0.5 block max-w-52 text-sm"
                    />
                  </label>
                  {lines.length > 1 && (
                    <button
                      type="button"
                      onClick={() => setLines((current) => current.filter((other) => other.key !== line.key))}
                      className="ml-auto min-h-11 rounded px-2 text-sm text-red-700 hover:bg-red-50 md:min-h-8"
                    >
                      {e.removeLine}
                    </button>
                  )}
                </div>
              </fieldset>
            </li>
          ))}
        </ol>
        <button
          type="button"
          onClick={() => setLines((current) => [...current, { key: nextKey.current++, description: "", price: "", photo: null }])}
          disabled={lines.length >= 30}
          className="min-h-11 rounded-md border border-slate-300 px-3 text-sm hover:bg-slate-50 md:min-h-9"
        >
          + {e.addLine}
        </button>
        <label className="block text-sm">
          {e.note}
          <textarea
            value={note}
            onChange={(event) => setNote(event.target.value)}
            rows={2}
            maxLength={2000}
            className="mt-0.5 block w-full rounded-md border border-slate-300 p-2"
          />
        </label>
        <label className="block text-sm">
          {e.validUntil}
          <input
            type="date"
            value={validUntil}
            min={format.dayKey(new Date())}
            onChange={(event) => setValidUntil(event.target.value)}
            required
            className="mt-0.5 block min-h-11 rounded-md border border-slate-300 px-2 md:min-h-9"
          />
        </label>
        {error && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-1.5 text-sm text-red-800">
            {error}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <button type="button" onClick={() => dialog.current?.close()} className="min-h-11 rounded-md px-3 hover:bg-slate-100">
            {e.cancel}
          </button>
          <button
            type="submit"
            disabled={send.isPending}
            className="min-h-11 rounded-md bg-blue-700 px-4 font-medium text-white disabled:opacity-50"
          >
            {send.isPending ? t.sending : e.send}
          </button>
        </div>
      </form>
    </dialog>
  );
}
