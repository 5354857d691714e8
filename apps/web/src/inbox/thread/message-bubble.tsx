"use client";

import { useState } from "react";
import type { AttachmentDto, MessageDto } from "@minbil/contracts/dto";
import { useI18n } from "~/i18n/i18n-provider";
import { PaperclipIcon } from "~/components/paperclip-icon";
import { LockIcon } from "~/components/lock-icon";
import { SHOWN_INLINE, useOpenGallery } from "../gallery/image-gallery";
import { EstimateSummary } from "../estimates/estimate-summary";
import { DeliveryTicks } from "./delivery-ticks";

export function MessageBubble({ message }: { message: MessageDto & { pending?: boolean } }) {
  const { t, format } = useI18n();
  const note = message.visibility === "internal";
  const system = message.sender_type === "system";
  if (system && note && message.attachments.length === 0) {
    // A line of the thread's history (a status change): not a message to anyone.
    return (
      <article data-testid="message" data-kind="event" className="flex justify-center">
        <p className="max-w-[90%] text-center text-xs text-slate-600">
          {message.body} · <time dateTime={message.created_at}>{format.time(message.created_at)}</time>
        </p>
      </article>
    );
  }
  const mine = message.sender_type === "workshop";
  const images = message.attachments.filter((file) => SHOWN_INLINE.has(file.content_type));
  const others = message.attachments.filter((file) => !SHOWN_INLINE.has(file.content_type));
  const light = !mine || note;
  return (
    <article
      data-testid="message"
      data-kind={note ? "note" : undefined}
      data-pending={message.id < 0 ? "true" : undefined}
      className={`flex ${mine ? "justify-end" : system ? "justify-center" : "justify-start"}`}
    >
      <div
        className={`max-w-[85%] rounded-2xl px-3 py-2 shadow-sm sm:max-w-[70%] ${
          note
            ? "border border-dashed border-amber-400 bg-amber-50 text-slate-900"
            : mine
              ? "bg-blue-700 text-white"
              : system
                ? "bg-amber-50 text-amber-900 ring-1 ring-amber-200"
                : "bg-white ring-1 ring-slate-200"
        } ${message.id < 0 ? "opacity-70" : ""}`}
      >
        <header className={`mb-0.5 flex flex-wrap gap-x-2 text-xs ${light ? "text-slate-600" : "text-blue-100"}`}>
          {note && (
            <span className="inline-flex items-center gap-1 font-semibold text-amber-900">
              <LockIcon /> {t.internalNote}
            </span>
          )}
          <span className="font-medium">{message.sender}</span>
          <span aria-hidden>·</span>
          {message.id < 0 ? <span>{t.pending}</span> : <time dateTime={message.created_at}>{format.time(message.created_at)}</time>}
        </header>
        {message.body && <p className="whitespace-pre-wrap break-words">{note ? <WithMentions text={message.body} /> : message.body}</p>}
        {message.estimate && <EstimateSummary estimate={message.estimate} />}
        {images.length > 0 && (
          <div className="mt-2 flex flex-wrap gap-2">
            {images.map((file) =>
              message.id < 0 ? <UploadPreview key={file.id} file={file} /> : <ImageThumbnail key={file.id} file={file} />,
            )}
          </div>
        )}
        {others.length > 0 && (
          <ul className="mt-2 space-y-1">
            {others.map((file) => (
              <li key={file.id}>
                {file.url ? (
                  <a
                    href={file.url}
                    download={file.file_name}
                    className={`inline-flex items-center gap-1 text-sm underline ${light ? "text-blue-700" : "text-white"}`}
                  >
                    <PaperclipIcon /> {file.file_name} ({format.fileSize(file.size)})
                  </a>
                ) : (
                  // Still uploading: nothing to download yet.
                  <span className="inline-flex items-center gap-1 text-sm">
                    <PaperclipIcon /> {file.file_name} ({format.fileSize(file.size)})
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
        {message.delivery && message.id > 0 && <DeliveryTicks messageId={message.id} delivery={message.delivery} />}
      </div>
    </article>
  );
}

/** A photo still uploading, shown from this device (an object URL) at the thumbnail's size. */
function UploadPreview({ file }: { file: AttachmentDto }) {
  if (!file.url) return <ImagePlaceholder name={file.file_name} />;
  return (
    // eslint-disable-next-line @next/next/no-img-element -- a local object URL
    <img
      src={file.url}
      alt={file.file_name}
      width={160}
      height={120}
      className="h-[120px] w-[160px] rounded-lg object-cover"
      data-testid="upload-preview"
    />
  );
}

function ImagePlaceholder({ name }: { name: string }) {
  return (
    <div
      className="flex h-[120px] w-[160px] flex-col items-center justify-center gap-1 rounded-lg bg-slate-200 p-2 text-center text-xs text-slate-700"
      data-testid="thumbnail-placeholder"
    >
      <PaperclipIcon className="h-5 w-5" />
      <span className="max-w-full truncate">{name}</span>
    </div>
  );
}

/**
 * A fixed-size thumbnail (no layout shift while it loads) that opens the thread's gallery at this image.
 * An image that cannot be shown (it failed to load) is a labelled box, never a broken image.
 */
function ImageThumbnail({ file }: { file: AttachmentDto }) {
  const { t } = useI18n();
  const openGallery = useOpenGallery();
  const [failed, setFailed] = useState(false);
  if (!file.url || failed) return <ImagePlaceholder name={file.file_name} />;
  return (
    <button
      type="button"
      onClick={() => openGallery(file.id)}
      aria-label={t.openImage(file.file_name)}
      className="block overflow-hidden rounded-lg"
    >
      {/* eslint-disable-next-line @next/next/no-img-element -- authenticated, user-uploaded files */}
      <img
        src={file.url}
        alt={file.file_name}
        width={160}
        height={120}
        loading="lazy"
        onError={() => setFailed(true)}
        className="h-[120px] w-[160px] bg-slate-200 object-cover"
        data-testid="thumbnail"
      />
    </button>
  );
}

/** A note's text with its @names standing out. */
function WithMentions({ text }: { text: string }) {
  return text.split(/((?<![\p{L}\p{N}_])@[\p{L}\p{M}][\p{L}\p{M}\p{N}.'-]*)/u).map((part, index) =>
    index % 2 === 1 ? (
      <strong key={index} className="font-semibold text-blue-800">
        {part}
      </strong>
    ) : (
      part
    ),
  );
}
