"use client";

import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useMutation, useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { MESSAGE_BODY_MAX_CHARS } from "@minbil/contracts/limits";
import type { MessageDto } from "@minbil/contracts/dto";
import { useTRPC } from "~/trpc/react";
import { onUploadProgress } from "~/trpc/upload-progress";
import { useI18n } from "~/i18n/i18n-provider";
import { errorMessage } from "~/i18n/error-message";
import { appendMessage, removeMessage } from "./thread-cache";
import { checkFiles } from "./check-files";
import { PaperclipIcon } from "~/components/paperclip-icon";

/**
 * Writes a reply: text (Enter sends, Shift+Enter breaks the line) and files by picker, drag and drop or
 * paste. Limits are checked before sending; the message shows at once and the draft comes back if
 * the send fails.
 */
export function Composer({ bookingId, threadKey, onSent }: { bookingId: number; threadKey: QueryKey; onSent: () => void }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.auth.me.queryOptions()).data;
  const [text, setText] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [dragging, setDragging] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  // One key per draft: sending the same draft again after a failure cannot store it twice.
  const idempotencyKey = useRef<string>(crypto.randomUUID());
  const send = useMutation(trpc.messages.send.mutationOptions());

  const previews = useMemo(() => files.map((file) => (file.type.startsWith("image/") ? URL.createObjectURL(file) : null)), [files]);
  useEffect(() => () => previews.forEach((url) => url && URL.revokeObjectURL(url)), [previews]);

  // The box grows with the draft (wrapped lines too) up to its max height, then scrolls.
  useLayoutEffect(() => {
    const element = textarea.current;
    if (!element) return;
    element.style.height = "auto";
    element.style.height = `${element.scrollHeight + element.offsetHeight - element.clientHeight}px`;
  }, [text]);

  function addFiles(added: File[]) {
    if (!added.length) return;
    const next = [...files, ...added];
    const problem = checkFiles(next, t);
    if (problem) {
      setError(problem);
      return;
    }
    setError(null);
    setFiles(next);
    idempotencyKey.current = crypto.randomUUID();
  }

  async function submit() {
    const body = text.trim();
    if ((!body && files.length === 0) || send.isPending) return;
    const draft = { text, files };
    const tempId = -Date.now();
    // The message shows the photos from this device until the server has them: URLs of its own, as
    // the composer's previews go when its files are cleared.
    const localUrls = files.map((file) => (file.type.startsWith("image/") ? URL.createObjectURL(file) : ""));
    const optimistic: MessageDto = {
      id: tempId,
      booking_id: bookingId,
      seq: 0,
      body,
      sender_type: "workshop",
      visibility: "customer",
      mentioned_user_ids: [],
      sender: me?.user.name ?? "",
      created_at: new Date().toISOString(),
      attachments: files.map((file, index) => ({
        id: `pending-${index}`,
        file_name: file.name,
        content_type: file.type,
        size: file.size,
        url: localUrls[index] ?? "",
      })),
    };
    appendMessage(queryClient, threadKey, optimistic);
    setText("");
    setFiles([]);
    setError(null);
    const stopProgress = files.length ? onUploadProgress(setProgress) : () => {};
    try {
      let input: FormData | { booking_id: number; body: string; idempotency_key: string };
      if (draft.files.length) {
        const form = new FormData();
        form.set("booking_id", String(bookingId));
        form.set("body", body);
        form.set("idempotency_key", idempotencyKey.current);
        for (const file of draft.files) form.append("attachments", file);
        input = form;
      } else {
        input = { booking_id: bookingId, body, idempotency_key: idempotencyKey.current };
      }
      const result = await send.mutateAsync(input);
      removeMessage(queryClient, threadKey, tempId);
      appendMessage(queryClient, threadKey, result.message);
      idempotencyKey.current = crypto.randomUUID();
      onSent();
    } catch (failure) {
      removeMessage(queryClient, threadKey, tempId);
      setText(draft.text);
      setFiles(draft.files);
      setError(`${t.sendFailed} ${errorMessage(failure, t)}`);
    } finally {
      stopProgress();
      setProgress(null);
      for (const url of localUrls) if (url) URL.revokeObjectURL(url);
    }
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes("Files")) {
          event.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        addFiles(Array.from(event.dataTransfer.files));
      }}
      className={`border-t border-slate-200 bg-white p-3 ${dragging ? "outline-2 -outline-offset-4 outline-dashed outline-blue-600" : ""}`}
      aria-label={t.composerLabel}
    >
      {files.length > 0 && (
        <ul className="mb-2 flex flex-wrap gap-2" aria-label={t.attach}>
          {files.map((file, index) => (
            <li key={`${file.name}-${index}`} className="relative flex items-center gap-2 rounded-md bg-slate-100 p-1 pr-7 text-xs">
              {previews[index] ? (
                // eslint-disable-next-line @next/next/no-img-element
                <img src={previews[index]!} alt="" className="h-10 w-10 rounded object-cover" />
              ) : (
                <PaperclipIcon className="mx-1 h-4 w-4 text-slate-600" />
              )}
              <span className="max-w-40 truncate">{file.name}</span>
              <button
                type="button"
                onClick={() => setFiles(files.filter((_, i) => i !== index))}
                aria-label={t.removeFile(file.name)}
                className="absolute right-1 rounded px-1 text-slate-600 hover:bg-slate-200"
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {progress !== null && (
        <div
          className="mb-2 h-1.5 overflow-hidden rounded bg-slate-200"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(progress * 100)}
          aria-label={t.sending}
        >
          <div className="h-full bg-blue-600 transition-[width]" style={{ width: `${Math.round(progress * 100)}%` }} />
        </div>
      )}
      {error && (
        <p role="alert" className="mb-2 rounded-md bg-red-50 px-3 py-1.5 text-sm text-red-800" data-testid="composer-error">
          {error}
        </p>
      )}
      <div className="flex items-end gap-2">
        <button
          type="button"
          onClick={() => picker.current?.click()}
          aria-label={t.attach}
          title={t.attach}
          className="shrink-0 rounded-md border border-slate-300 px-2.5 py-2 hover:bg-slate-50"
        >
          <PaperclipIcon className="h-5 w-5" />
        </button>
        <input
          ref={picker}
          type="file"
          multiple
          hidden
          accept="image/jpeg,image/png,image/webp,image/heic,.heic,application/pdf,text/plain"
          data-testid="file-input"
          onChange={(event) => {
            addFiles(Array.from(event.target.files ?? []));
            event.target.value = "";
          }}
        />
        <label className="min-w-0 flex-1">
          <span className="sr-only">{t.composerLabel}</span>
          <textarea
            ref={textarea}
            value={text}
            maxLength={MESSAGE_BODY_MAX_CHARS}
            rows={1}
            onChange={(event) => {
              setText(event.target.value);
              idempotencyKey.current = crypto.randomUUID();
            }}
            onKeyDown={(event) => {
              if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
                event.preventDefault();
                void submit();
              }
            }}
            onPaste={(event) => {
              const pasted = Array.from(event.clipboardData.files);
              if (pasted.length) {
                event.preventDefault();
                addFiles(pasted);
              }
            }}
            placeholder={dragging ? t.dropHere : t.composerPlaceholder}
            className="block max-h-[min(12rem,30dvh)] w-full resize-none overflow-y-auto rounded-md border border-slate-300 px-3 py-2"
            data-testid="composer-text"
          />
        </label>
        <button
          type="submit"
          disabled={send.isPending || (!text.trim() && files.length === 0)}
          className="shrink-0 rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-50"
        >
          {send.isPending ? t.sending : t.send}
        </button>
      </div>
      <p className="mt-1 text-xs text-slate-600">
        <span className="hidden sm:inline">{t.composerHint} · </span>
        {t.limits}
      </p>
    </form>
  );
}
