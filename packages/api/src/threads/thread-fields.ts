import type { StaffRefDto, ThreadState } from "@minbil/contracts/dto";

type StateValue = "OPEN" | "WAITING" | "DONE" | "SNOOZED";

export function toThreadState(value: StateValue): ThreadState {
  return value.toLowerCase() as ThreadState;
}

export function fromThreadState(value: ThreadState): StateValue {
  return value.toUpperCase() as StateValue;
}

/** The thread fields every answer about a thread carries: where it stands and who handles it. */
export function threadStateFields(row: { state: StateValue; snoozedUntil: Date | null; assignee: { id: string; name: string } | null }): {
  state: ThreadState;
  snoozed_until: string | null;
  assignee: StaffRefDto | null;
} {
  return {
    state: toThreadState(row.state),
    snoozed_until: row.state === "SNOOZED" ? (row.snoozedUntil?.toISOString() ?? null) : null,
    assignee: row.assignee ? { id: row.assignee.id, name: row.assignee.name } : null,
  };
}
