"use client";

import { useLayoutEffect, useRef, useState } from "react";
import { useMutation, useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { MESSAGE_BODY_MAX_CHARS } from "@minbil/contracts/limits";
import type { MessageDto } from "@minbil/contracts/dto";
import { useTRPC } from "~/trpc/react";
import { onUploadProgress } from "~/trpc/upload-progress";
import { useI18n } from "~/i18n/i18n-provider";
import { errorMessage } from "~/i18n/error-message";
import { PaperclipIcon } from "~/components/paperclip-icon";
import { appendMessage, removeMessage } from "../live/thread-cache";
import { checkFiles } from "./check-files";
import { useDraft } from "./draft-store";
import { useMentionPicker } from "./use-mention-picker";
import { MentionPopup } from "./mention-popup";
import { AttachmentChips } from "./attachment-chips";
import { ModeSwitch, type ComposerMode } from "./mode-switch";
import { TemplateMenu } from "../templates/template-menu";
import { EstimateButton } from "../estimates/estimate-button";
import { useSlashTemplates } from "../templates/use-slash-templates";
import type { TemplateBooking, TemplateInsert } from "../templates/use-templates";
import type { TemplateLanguage } from "@minbil/contracts/templates/template-variables";

/** The composer's text box: `r` in the inbox and the skip link move focus here. */
export const COMPOSER_ID = "composer";

/**
 * Writes a reply to the customer or an internal note: text (Enter sends, Shift+Enter breaks the line,
 * Ctrl/Cmd+Enter sends and marks the thread done) and files by picker, drag and drop or paste. A reply
 * may start from a template (menu or `/`), filled in from `booking`; it is sent with the template's id,
 * so the server also applies the template's booking status. The
 * text is kept per thread as a draft until it is sent. Limits are checked before sending; the message
 * shows at once and the draft comes back if the send fails. Render it with `key={bookingId}`: files,
 * mode and errors belong to one thread.
 */
export function Composer({
  bookingId,
  booking,
  threadKey,
  onSent,
}: {
  bookingId: number;
  booking: TemplateBooking;
  threadKey: QueryKey;
  onSent: () => void;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.auth.me.queryOptions()).data;
  const draftKey = `${me?.user.id ?? "me"}:${bookingId}`;
  const [text, setText] = useDraft(draftKey);
  // The mode is kept with the draft: a half-written note must come back as a note, never as a reply
  // that one Enter would send to the customer.
  const [storedMode, setStoredMode] = useDraft(`${draftKey}:mode`);
  const mode: ComposerMode = storedMode === "note" ? "note" : "reply";
  const setMode = (next: ComposerMode) => setStoredMode(next === "note" ? "note" : "");
  // The template the reply started from: sent as template_id while its text is in the box.
  const [template, setTemplate] = useState<Omit<TemplateInsert, "text"> | null>(null);
  // Which of a template's texts to insert: bokmål unless the staff member picks English for this customer.
  const [templateLanguage, setTemplateLanguage] = useState<TemplateLanguage>("nb");
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [dragging, setDragging] = useState(false);
  const pickerRef = useRef<HTMLInputElement>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  // One key per draft: sending the same draft again after a failure cannot store it twice.
  const idempotencyKey = useRef<string>(crypto.randomUUID());
  const send = useMutation(trpc.messages.send.mutationOptions());
  const note = mode === "note";
  const mentions = useMentionPicker({
    textarea: textareaRef,
    text,
    enabled: note,
    onInsert: (next) => changeText(next),
  });
  const insertTemplate = ({ text: filled, ...chosen }: TemplateInsert) => {
    changeText(filled);
    setTemplate(chosen);
    textareaRef.current?.focus();
  };
  const slash = useSlashTemplates({ text, booking, onInsert: insertTemplate, enabled: !note, language: templateLanguage });

  // The box grows with the draft (wrapped lines too) up to its max height, then scrolls.
  useLayoutEffect(() => {
    const element = textareaRef.current;
    if (!element) return;
    element.style.height = "auto";
    element.style.height = `${element.scrollHeight + element.offsetHeight - element.clientHeight}px`;
  }, [text]);

  function changeText(next: string) {
    setText(next);
    if (!next.trim()) setTemplate(null);
    idempotencyKey.current = crypto.randomUUID();
  }

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

  async function submit(markDone = false) {
    const body = text.trim();
    if ((!body && files.length === 0) || send.isPending) return;
    const draft = { text, files, template };
    const visibility = note ? "internal" : "customer";
    const state = markDone && !note ? "done" : undefined;
    const templateId = note ? undefined : template?.templateId;
    // The same draft sent again after a failure keeps its key; sent another way (as a note, marking
    // done, with a template) it is another request, and gets another key.
    const key = `${idempotencyKey.current}:${visibility}:${state ?? "-"}:${templateId ?? "-"}`;
    const tempId = -Date.now();
    // The message shows the photos from this device until the server has them: URLs of its own, as
    // the chips' previews go when the files are cleared.
    const localUrls = files.map((file) => (file.type.startsWith("image/") ? URL.createObjectURL(file) : ""));
    const optimistic: MessageDto = {
      id: tempId,
      booking_id: bookingId,
      seq: 0,
      body,
      sender_type: "workshop",
      visibility,
      mentioned_user_ids: [],
      kind: "text",
      estimate: null,
      delivery: null,
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
    setTemplate(null);
    setError(null);
    const stopProgress = files.length ? onUploadProgress(setProgress) : () => {};
    try {
      let input:
        | FormData
        | {
            booking_id: number;
            body: string;
            idempotency_key: string;
            visibility: typeof visibility;
            state?: "done";
            template_id?: number;
          };
      if (draft.files.length) {
        const form = new FormData();
        form.set("booking_id", String(bookingId));
        form.set("body", body);
        form.set("visibility", visibility);
        if (state) form.set("state", state);
        if (templateId) form.set("template_id", String(templateId));
        form.set("idempotency_key", key);
        for (const file of draft.files) form.append("attachments", file);
        input = form;
      } else {
        input = {
          booking_id: bookingId,
          body,
          visibility,
          idempotency_key: key,
          ...(state && { state }),
          ...(templateId && { template_id: templateId }),
        };
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
      if (templateId && draft.template) setTemplate(draft.template);
      setError(`${t.sendFailed} ${errorMessage(failure, t)}`);
    } finally {
      stopProgress();
      setProgress(null);
      for (const url of localUrls) if (url) URL.revokeObjectURL(url);
    }
  }

  const empty = !text.trim() && files.length === 0;
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
      className={`relative border-t p-3 ${note ? "border-amber-300 bg-amber-50" : "border-slate-200 bg-white"} ${
        dragging ? "outline-2 -outline-offset-4 outline-dashed outline-blue-600" : ""
      }`}
      aria-label={note ? t.noteMode : t.composerLabel}
      data-mode={mode}
    >
      <ModeSwitch mode={mode} onChange={setMode}>
        {!note && (
          <TemplateMenu
            booking={booking}
            onInsert={insertTemplate}
            language={templateLanguage}
            onLanguageChange={setTemplateLanguage}
            disabled={send.isPending}
          />
        )}
        {!note && <EstimateButton bookingId={bookingId} disabled={send.isPending} />}
      </ModeSwitch>
      <AttachmentChips files={files} onRemove={(index) => setFiles(files.filter((_, i) => i !== index))} />
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
      <MentionPopup picker={mentions} />
      {slash.popup}
      {template?.bookingStatus && !note && (
        <p className="mb-2 flex items-center gap-2 text-xs text-slate-700" data-testid="template-status">
          {t.templates.sendSetsStatus(t.statuses[template.bookingStatus])}
          <button type="button" onClick={() => setTemplate(null)} className="min-h-11 rounded px-2 text-blue-700 underline md:min-h-6">
            {t.templates.keepStatus}
          </button>
        </p>
      )}
      <div className="flex items-end gap-2">
        <button
          type="button"
          onClick={() => pickerRef.current?.click()}
          aria-label={t.attach}
          title={t.attach}
          className="flex min-h-11 min-w-11 shrink-0 items-center justify-center rounded-md border border-slate-300 bg-white hover:bg-slate-50 md:min-h-10 md:min-w-10"
        >
          <PaperclipIcon className="h-5 w-5" />
        </button>
        <input
          ref={pickerRef}
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
          <span className="sr-only">{note ? t.noteMode : t.composerLabel}</span>
          <textarea
            id={COMPOSER_ID}
            ref={textareaRef}
            value={text}
            maxLength={MESSAGE_BODY_MAX_CHARS}
            rows={1}
            {...mentions.textareaProps}
            {...slash.textareaProps}
            onChange={(event) => {
              changeText(event.target.value);
              mentions.onCaretMove(event.target);
            }}
            onSelect={(event) => mentions.onCaretMove(event.currentTarget)}
            onKeyDown={(event) => {
              if (slash.onKeyDown(event) || mentions.onKeyDown(event)) return;
              if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
                event.preventDefault();
                void submit(event.ctrlKey || event.metaKey);
              }
            }}
            onPaste={(event) => {
              const pasted = Array.from(event.clipboardData.files);
              if (pasted.length) {
                event.preventDefault();
                addFiles(pasted);
              }
            }}
            placeholder={dragging ? t.dropHere : note ? t.notePlaceholder : t.composerPlaceholder}
            className="block max-h-[min(16rem,30dvh)] min-h-11 w-full resize-none overflow-y-auto rounded-md border border-slate-300 bg-white px-3 py-2 md:min-h-10"
            data-testid="composer-text"
          />
        </label>
        <button
          type="submit"
          disabled={send.isPending || empty}
          className={`min-h-11 shrink-0 rounded-md px-4 font-medium text-white disabled:opacity-50 md:min-h-10 ${
            note ? "bg-amber-700 hover:bg-amber-800" : "bg-blue-700 hover:bg-blue-800"
          }`}
        >
          {send.isPending ? t.sending : note ? t.sendNote : t.send}
        </button>
      </div>
      <div className="mt-1 flex flex-wrap items-center gap-x-3 text-xs text-slate-600">
        {note ? (
          <span className="font-medium text-amber-900">{t.noteHint}</span>
        ) : (
          <button
            type="button"
            onClick={() => void submit(true)}
            disabled={send.isPending || empty}
            title={t.sendAndDoneHint}
            className="min-h-11 rounded font-medium text-blue-700 underline disabled:no-underline disabled:opacity-50 md:min-h-6"
            data-testid="send-and-done"
          >
            {t.sendAndDone}
          </button>
        )}
        <span>
          <span className="hidden sm:inline">{t.composerHint} · </span>
          {t.limits}
        </span>
      </div>
    </form>
  );
}
