/** The inbox's keyboard shortcuts (outside text fields, without Ctrl, Alt or ⌘). */
export const SHORTCUTS = {
  j: "next",
  k: "previous",
  r: "reply",
  e: "done",
  "/": "search",
  "?": "help",
} as const;

export type ShortcutAction = (typeof SHORTCUTS)[keyof typeof SHORTCUTS];

/** The action a key press asks for, or null when it is typing, a browser shortcut, or no shortcut at all. */
export function shortcutFor(
  event: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey" | "target" | "isComposing">,
): ShortcutAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return null;
  const target = event.target as HTMLElement | null;
  if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return null;
  return (SHORTCUTS as Record<string, ShortcutAction>)[event.key] ?? null;
}

/** The thread j (+1) or k (−1) moves to in the list as shown; the first one when none is open. */
export function neighbour(order: number[], current: number | null, step: 1 | -1): number | null {
  if (order.length === 0) return null;
  const at = current === null ? -1 : order.indexOf(current);
  if (at === -1) return order[0]!;
  return order[Math.min(order.length - 1, Math.max(0, at + step))]!;
}
