"use client";

import { createContext, useContext, useRef, useState } from "react";
import type { AttachmentDto, MessageDto } from "@minbil/contracts/dto";
import { useI18n } from "~/i18n/i18n-provider";

/** Images browsers can show. HEIC (iPhone photos) is offered as a download instead of a broken thumbnail. */
export const SHOWN_INLINE = new Set(["image/jpeg", "image/png", "image/webp"]);

const GalleryContext = createContext<(attachmentId: string) => void>(() => {});

/** Opens the thread's gallery at an image (for a thumbnail's click). */
export function useOpenGallery() {
  return useContext(GalleryContext);
}

/**
 * Every image of the loaded conversation, oldest first, in one viewer: previous and next with buttons,
 * ← and →, or a swipe; Escape or Close ends it, and focus goes back to the thumbnail that opened it.
 */
export function ImageGallery({ messages, children }: { messages: MessageDto[]; children: React.ReactNode }) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const swipeFrom = useRef<number | null>(null);
  const [index, setIndex] = useState(0);
  const images: (AttachmentDto & { sender: string; created_at: string })[] = messages
    .filter((message) => message.id > 0)
    .flatMap((message) =>
      message.attachments
        .filter((file) => SHOWN_INLINE.has(file.content_type) && file.url)
        .map((file) => ({ ...file, sender: message.sender, created_at: message.created_at })),
    );
  const current = images[Math.min(index, images.length - 1)];
  const go = (step: 1 | -1) => setIndex((at) => Math.min(images.length - 1, Math.max(0, at + step)));

  const open = (attachmentId: string) => {
    const at = images.findIndex((image) => image.id === attachmentId);
    if (at === -1) return;
    opener.current = document.activeElement as HTMLElement | null;
    setIndex(at);
    dialog.current?.showModal();
  };

  return (
    <GalleryContext.Provider value={open}>
      {children}
      <dialog
        ref={dialog}
        aria-label={t.gallery}
        className="m-auto h-[100dvh] max-h-none w-screen max-w-none bg-black/95 p-0 text-white backdrop:bg-black/80"
        onClose={() => opener.current?.focus()}
        onKeyDown={(event) => {
          if (event.key === "ArrowRight") go(1);
          else if (event.key === "ArrowLeft") go(-1);
          else return;
          event.preventDefault();
        }}
        onTouchStart={(event) => (swipeFrom.current = event.touches[0]?.clientX ?? null)}
        onTouchEnd={(event) => {
          const from = swipeFrom.current;
          const to = event.changedTouches[0]?.clientX;
          if (from !== null && to !== undefined && Math.abs(to - from) > 50) go(to < from ? 1 : -1);
          swipeFrom.current = null;
        }}
        data-testid="gallery"
      >
        {current && (
          <div className="flex h-full flex-col">
            <div className="flex items-center gap-2 px-3 py-2 text-sm">
              <span aria-live="polite" className="min-w-0 flex-1 truncate" data-testid="gallery-position">
                {t.galleryPosition(Math.min(index, images.length - 1) + 1, images.length)} · {current.file_name}
              </span>
              <a
                href={current.url}
                download={current.file_name}
                className="flex min-h-11 items-center rounded px-3 underline hover:bg-white/10"
              >
                {t.download}
              </a>
              <form method="dialog">
                <button className="min-h-11 rounded px-3 hover:bg-white/10">{t.close}</button>
              </form>
            </div>
            <div className="relative flex min-h-0 flex-1 items-center justify-center">
              {/* eslint-disable-next-line @next/next/no-img-element -- authenticated, user-uploaded files */}
              <img src={current.url} alt={current.file_name} className="max-h-full max-w-full object-contain" data-testid="gallery-image" />
              <button
                type="button"
                onClick={() => go(-1)}
                disabled={index === 0}
                aria-label={t.previousImage}
                className="absolute left-2 flex h-12 w-12 items-center justify-center rounded-full bg-white/15 text-2xl hover:bg-white/25 disabled:opacity-30"
              >
                ‹
              </button>
              <button
                type="button"
                onClick={() => go(1)}
                disabled={index >= images.length - 1}
                aria-label={t.nextImage}
                className="absolute right-2 flex h-12 w-12 items-center justify-center rounded-full bg-white/15 text-2xl hover:bg-white/25 disabled:opacity-30"
              >
                ›
              </button>
            </div>
            <p className="px-3 py-2 text-center text-xs text-slate-300">{current.sender}</p>
          </div>
        )}
      </dialog>
    </GalleryContext.Provider>
  );
}
