import { describe, expect, it } from "vitest";
import { clearLoginFailures, loginDelayMs, recordLoginFailure } from "./login-throttle";

describe("login throttle", () => {
  it("lets three attempts through, then slows each further one down more, up to 30 s", () => {
    const keys = [`email:slow-${Math.random()}@example.no`];
    const now = 1_000_000;
    const delays = [];
    for (let i = 0; i < 10; i += 1) {
      delays.push(loginDelayMs(keys, now));
      recordLoginFailure(keys, now);
    }
    expect(delays).toEqual([0, 0, 0, 1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });

  it("forgets failures after a successful sign-in and after 15 quiet minutes", () => {
    const keys = [`email:forget-${Math.random()}@example.no`];
    for (let i = 0; i < 5; i += 1) recordLoginFailure(keys, 0);
    expect(loginDelayMs(keys, 0)).toBeGreaterThan(0);
    expect(loginDelayMs(keys, 16 * 60_000)).toBe(0);
    clearLoginFailures(keys);
    expect(loginDelayMs(keys, 0)).toBe(0);
  });

  it("slows down by the worst of e-mail and client address", () => {
    const ip = `ip:${Math.random()}`;
    for (let i = 0; i < 6; i += 1) recordLoginFailure([`email:a${i}@example.no`, ip], 0);
    expect(loginDelayMs([`email:new@example.no`, ip], 0)).toBe(8000);
  });
});
