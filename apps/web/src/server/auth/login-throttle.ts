// Slows down repeated failed sign-ins for one e-mail address or one client address: after three
// failures each further attempt waits longer (1 s, 2 s, 4 s ... up to 30 s) before it is answered.
// Kept in memory per server process; a restart forgets. Hand-written because it is a dozen lines
// and the rate-limit libraries we looked at bring a store we do not need for one process.

const FREE_ATTEMPTS = 3;
const MAX_DELAY_MS = 30_000;
const FORGET_AFTER_MS = 15 * 60_000;

const failures = new Map<string, { count: number; last: number }>();

export function loginDelayMs(keys: string[], now = Date.now()): number {
  let worst = 0;
  for (const key of keys) {
    const entry = failures.get(key);
    if (!entry || now - entry.last > FORGET_AFTER_MS) continue;
    worst = Math.max(worst, entry.count);
  }
  return worst < FREE_ATTEMPTS ? 0 : Math.min(MAX_DELAY_MS, 1000 * 2 ** (worst - FREE_ATTEMPTS));
}

export function recordLoginFailure(keys: string[], now = Date.now()): void {
  for (const key of keys) {
    const entry = failures.get(key);
    failures.set(key, { count: entry && now - entry.last <= FORGET_AFTER_MS ? entry.count + 1 : 1, last: now });
  }
  if (failures.size > 10_000) {
    for (const [key, entry] of failures) if (now - entry.last > FORGET_AFTER_MS) failures.delete(key);
  }
}

export function clearLoginFailures(keys: string[]): void {
  for (const key of keys) failures.delete(key);
}
