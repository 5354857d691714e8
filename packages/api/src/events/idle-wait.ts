/**
 * A background loop's pause: `wait(ms)` resolves after `ms`, or at once when `wake()` is called while it
 * waits (a wake-up while the loop is busy is not kept: loops that must not miss one note it themselves).
 * The webhook and notification workers idle on one each.
 */
export function createIdleWait(): { wait(ms: number): Promise<void>; wake(): void } {
  let wake: (() => void) | null = null;
  return {
    wait(ms) {
      return new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          wake = null;
          resolve();
        }
        wake = done;
      });
    },
    wake: () => wake?.(),
  };
}
