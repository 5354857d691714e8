"use client";

import { useRef, useState } from "react";
import type { CustomerMessageDto } from "@minbil/contracts/customer/customer-view.schema";
import type { CustomerText } from "./customer-text";
import { CustomerApiError, postMessage } from "./customer-api";

const MAX_FILES = 10;

/** The customer's reply: text and photos (from the camera or the gallery), sent with a retry-safe key. */
export function CustomerComposer(props: { token: string; t: CustomerText; onSent(message: CustomerMessageDto): void }) {
  const { t } = props;
  const [text, setText] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // One key per draft: a retry after a lost answer is not stored twice.
  const key = useRef<string | null>(null);
  const picker = useRef<HTMLInputElement>(null);

  async function send(event: React.FormEvent) {
    event.preventDefault();
    if (!text.trim() && files.length === 0) {
      setError(t.errors.empty);
      return;
    }
    setBusy(true);
    setError(null);
    key.current ??= crypto.randomUUID();
    const form = new FormData();
    form.append("body", text);
    for (const file of files) form.append("attachments", file, file.name);
    try {
      const message = await postMessage(props.token, form, key.current, t);
      key.current = null;
      setText("");
      setFiles([]);
      props.onSent(message);
    } catch (caught) {
      setError(caught instanceof CustomerApiError ? caught.message : t.errors.other);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void send(event)} className="border-t border-slate-200 bg-white p-3" aria-label={t.write}>
      <label htmlFor="customer-reply" className="sr-only">
        {t.write}
      </label>
      <textarea
        id="customer-reply"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          key.current = null;
        }}
        rows={3}
        maxLength={10_000}
        placeholder={t.write}
        className="w-full resize-y rounded-lg border border-slate-300 p-2 text-base"
      />
      {files.length > 0 && (
        <ul className="mt-2 flex flex-wrap gap-2">
          {files.map((file, index) => (
            <li key={`${file.name}-${index}`} className="flex items-center gap-1 rounded-full bg-slate-100 py-1 pl-3 pr-1 text-sm">
              <span className="max-w-40 truncate">{file.name}</span>
              <button
                type="button"
                aria-label={t.removePhoto(file.name)}
                onClick={() => {
                  setFiles((current) => current.filter((_, i) => i !== index));
                  key.current = null;
                }}
                className="flex h-11 w-11 items-center justify-center rounded-full hover:bg-slate-200"
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="mt-2 flex items-center gap-2">
        <input
          ref={picker}
          type="file"
          accept="image/jpeg,image/png,image/webp,image/heic,image/heif"
          multiple
          className="sr-only"
          id="customer-photos"
          onChange={(event) => {
            const chosen = Array.from(event.target.files ?? []);
            setFiles((current) => [...current, ...chosen].slice(0, MAX_FILES));
            key.current = null;
            event.target.value = "";
          }}
        />
        <label
          htmlFor="customer-photos"
          className="flex min-h-11 cursor-pointer items-center rounded-lg px-3 font-medium text-blue-800 ring-1 ring-slate-300"
        >
          {t.addPhotos}
        </label>
        <button
          type="submit"
          disabled={busy}
          className="ml-auto min-h-11 rounded-lg bg-blue-700 px-5 font-semibold text-white disabled:opacity-60"
        >
          {busy ? t.sending : t.send}
        </button>
      </div>
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      )}
    </form>
  );
}
