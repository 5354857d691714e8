"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { createPortal } from "react-dom";
import { useEstimateText } from "./estimate-text";

// The form is loaded when first opened: the inbox's first load does not carry it.
const EstimateDialog = dynamic(() => import("./estimate-dialog").then((module) => module.EstimateDialog), { ssr: false });

/** Opens the form for a new estimate in this thread. */
export function EstimateButton({ bookingId, disabled }: { bookingId: number; disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        disabled={disabled}
        className="min-h-11 rounded-md px-2 text-sm text-blue-700 hover:bg-slate-100 disabled:opacity-50 md:min-h-8"
        data-testid="estimate-button"
      >
        {useEstimateText().button}
      </button>
      {/* In a portal: the button sits inside the composer's form, and forms must not nest. */}
      {open && createPortal(<EstimateDialog bookingId={bookingId} onClose={() => setOpen(false)} />, document.body)}
    </>
  );
}
