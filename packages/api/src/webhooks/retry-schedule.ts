/** "0,5s,5m,2h" → delays in milliseconds, one per retry after a failed attempt. */
export function parseRetrySchedule(value: string): number[] {
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
  return value.split(",").map((part) => {
    const match = /^\s*(\d+)(ms|s|m|h)?\s*$/.exec(part);
    if (!match) throw new Error(`Not a duration: ${part}`);
    return Number(match[1]) * unit[(match[2] ?? "s") as keyof typeof unit];
  });
}

/**
 * When to try again after the `failedAttempts`-th failed attempt, or null when the schedule is used up.
 * Each delay gets up to ±10 % jitter, so many endpoints failing at once do not retry in lockstep; a
 * receiver's Retry-After (on 429 and 503) is honoured when it asks for longer.
 */
export function nextAttemptDelay(schedule: number[], failedAttempts: number, retryAfterMs?: number, random = Math.random): number | null {
  // The first entry is the first attempt itself (immediately); retry n waits schedule[n].
  const base = schedule[failedAttempts];
  if (base === undefined) return null;
  const jittered = Math.round(base * (0.9 + random() * 0.2));
  return Math.max(jittered, retryAfterMs ?? 0);
}
