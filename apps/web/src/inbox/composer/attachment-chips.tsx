"use client";

import { useEffect, useMemo } from "react";
import { useI18n } from "~/i18n/i18n-provider";
import { PaperclipIcon } from "~/components/paperclip-icon";

/** The files chosen for the next message, with a thumbnail for images and a button to remove each. */
export function AttachmentChips({ files, onRemove }: { files: File[]; onRemove: (index: number) => void }) {
  const { t } = useI18n();
  const previews = useMemo(() => files.map((file) => (file.type.startsWith("image/") ? URL.createObjectURL(file) : null)), [files]);
  useEffect(() => () => previews.forEach((url) => url && URL.revokeObjectURL(url)), [previews]);
  if (files.length === 0) return null;
  return (
    <ul className="mb-2 flex flex-wrap gap-2" aria-label={t.attach}>
      {files.map((file, index) => (
        <li key={`${file.name}-${index}`} className="relative flex items-center gap-2 rounded-md bg-slate-100 p-1 pr-11 text-xs md:pr-7">
          {previews[index] ? (
            // eslint-disable-next-line @next/next/no-img-element
            <img src={previews[index]!} alt="" className="h-10 w-10 rounded object-cover" />
          ) : (
            <PaperclipIcon className="mx-1 h-4 w-4 text-slate-600" />
          )}
          <span className="max-w-40 truncate">{file.name}</span>
          <button
            type="button"
            onClick={() => onRemove(index)}
            aria-label={t.removeFile(file.name)}
            className="absolute right-0 flex h-11 w-11 items-center justify-center rounded text-slate-600 hover:bg-slate-200 md:right-1 md:h-6 md:w-6"
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
