"use client";

import { useEffect, useRef } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import { neighbour, shortcutFor } from "./shortcut-for";
import { useRefreshLists } from "../live/use-refresh-lists";

/**
 * j/k next and previous thread, r reply, e done, / search, ? the list of shortcuts. `order` holds the
 * thread ids as the list shows them; the composer's text box has id "composer".
 */
export function useInboxShortcuts(options: {
  selectedId: number | null;
  order: React.RefObject<number[]>;
  searchBox: React.RefObject<HTMLInputElement | null>;
  help: React.RefObject<HTMLDialogElement | null>;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const refreshLists = useRefreshLists();
  const done = useMutation(trpc.messages.updateThread.mutationOptions({ onSuccess: refreshLists }));
  const latest = useRef({ ...options, done: done.mutate });
  useEffect(() => {
    latest.current = { ...options, done: done.mutate };
  });

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const action = shortcutFor(event);
      if (!action) return;
      const { selectedId, order, searchBox, help, done } = latest.current;
      // A dialog open (the shortcuts, an image, a confirmation) has the keyboard.
      if (document.querySelector("dialog[open]") && action !== "help") return;
      if (action === "next" || action === "previous") {
        const next = neighbour(order.current, selectedId, action === "next" ? 1 : -1);
        if (next !== null && next !== selectedId) router.push(`/inbox/${next}`);
      } else if (action === "reply") {
        const composer = document.getElementById("composer");
        if (!composer) return;
        composer.focus();
      } else if (action === "done") {
        if (selectedId === null) return;
        done({ booking_id: selectedId, state: "done" });
      } else if (action === "search") {
        searchBox.current?.focus();
        searchBox.current?.select();
      } else if (action === "help") {
        if (help.current?.open) help.current.close();
        else help.current?.showModal();
      }
      event.preventDefault();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [router]);
}
