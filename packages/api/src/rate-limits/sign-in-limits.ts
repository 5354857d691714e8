import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { consumeAll, createLimiter, type LimiterStore } from "./limiter-store";

// Failed sign-ins are limited three ways, so that guessing is slow while the real user can still get in:
// - per client address: 30 failures in 15 minutes (one office shares an address; an attacker rarely has many);
// - per account and address: 5 failures in 15 minutes (a user who mistypes is slowed, not locked out elsewhere);
// - per account over all addresses: 50 failures an hour (a botnet cannot try thousands of passwords),
//   skipped for a browser that has signed in to that account before (a signed device cookie), so an
//   attacker who exhausts this budget never locks the real user out.
// Every attempt is counted atomically before the password is checked, so parallel guesses count too.
export const SIGN_IN_RULES = {
  address: { keyPrefix: "signin:ip", points: 30, duration: 15 * 60 },
  accountAtAddress: { keyPrefix: "signin:acct-ip", points: 5, duration: 15 * 60 },
  account: { keyPrefix: "signin:acct", points: 50, duration: 60 * 60 },
} as const;

export interface SignInAttempt {
  email: string;
  clientIp: string;
  /** This browser has signed in to this account before (verified by the app). */
  knownDevice: boolean;
}

export interface SignInLimits {
  /** Counts an attempt; resolves with the seconds to wait when over a limit, else null. */
  take(attempt: SignInAttempt): Promise<number | null>;
  /** A successful sign-in: its attempt does not count against the account. */
  succeeded(attempt: SignInAttempt): Promise<void>;
}

export function createSignInLimits(store: LimiterStore): SignInLimits {
  const address = createLimiter(store, SIGN_IN_RULES.address);
  const accountAtAddress = createLimiter(store, SIGN_IN_RULES.accountAtAddress);
  const account = createLimiter(store, SIGN_IN_RULES.account);
  const keysOf = (attempt: SignInAttempt): [RateLimiterAbstract, string][] => [
    [address, attempt.clientIp],
    [accountAtAddress, `${attempt.email}|${attempt.clientIp}`],
    ...(attempt.knownDevice ? [] : [[account, attempt.email] as [RateLimiterAbstract, string]]),
  ];
  return {
    take: (attempt) => consumeAll(keysOf(attempt)),
    async succeeded(attempt) {
      await Promise.all([
        accountAtAddress.delete(`${attempt.email}|${attempt.clientIp}`),
        account.reward(attempt.email, 1),
        address.reward(attempt.clientIp, 1),
      ]);
    },
  };
}
