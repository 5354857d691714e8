import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { RateLimitPolicy } from "@minbil/contracts/rest/rate-limits";
import { apiEnv, type ApiEnv } from "../env";
import { logger } from "../logger";
import { createLimiter, type LimiterStore } from "./limiter-store";

// The API's request limits (why these quotas: contracts/src/rest/rate-limits.ts). Who is calling decides
// which policies count a request: an API token its `token` policy (and `send` for a send), a staff
// member `staff`, anyone else (no credentials, or credentials that failed) the client address's
// `address` policy. So a wrong token never spends a good token's budget, nor a good token an address's.

export interface ApiRateLimitSettings {
  windowSeconds: number;
  quotas: Record<RateLimitPolicy, number>;
}

export function apiRateLimitSettings(
  env: Pick<
    ApiEnv,
    | "RATE_LIMIT_WINDOW_SECONDS"
    | "RATE_LIMIT_TOKEN_REQUESTS"
    | "RATE_LIMIT_TOKEN_SENDS"
    | "RATE_LIMIT_ADDRESS_REQUESTS"
    | "RATE_LIMIT_STAFF_REQUESTS"
  > = apiEnv(),
): ApiRateLimitSettings {
  return {
    windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS,
    quotas: {
      token: env.RATE_LIMIT_TOKEN_REQUESTS,
      send: env.RATE_LIMIT_TOKEN_SENDS,
      address: env.RATE_LIMIT_ADDRESS_REQUESTS,
      staff: env.RATE_LIMIT_STAFF_REQUESTS,
    },
  };
}

/** Whose budget a request spends. */
export type RateLimitCaller = { kind: "token"; tokenId: string } | { kind: "staff"; userId: string } | { kind: "address"; address: string };

/** What a request takes: quota units (requests; a tRPC batch takes one per procedure), and how many of them are sends. */
export interface LimitCost {
  requests: number;
  sends: number;
}

export interface PolicyDefinition {
  policy: RateLimitPolicy;
  /** Quota units per window. */
  quota: number;
  windowSeconds: number;
}

export interface PolicyState extends PolicyDefinition {
  /** Quota units left in the current window (0 when over). */
  remaining: number;
  /** Seconds until the current window ends. */
  resetSeconds: number;
  exceeded: boolean;
}

export interface LimitVerdict {
  /** Every policy that governs this caller (the same on each of its answers). */
  policies: PolicyDefinition[];
  /** The policies this request was counted against, after counting it. */
  counted: PolicyState[];
  /** When refused: the policies it exceeded, and the seconds until the request may succeed. */
  refused: { policies: PolicyState[]; retryAfter: number } | null;
}

export interface ApiRateLimits {
  readonly settings: ApiRateLimitSettings;
  /** Counts a request against the caller's policies (atomically, in the shared store when there is one). */
  take(caller: RateLimitCaller, cost: LimitCost): Promise<LimitVerdict>;
  /** Gives back the sends of a request that sent nothing (it failed): the send budget counts messages sent. */
  refundSends(caller: RateLimitCaller, sends: number): Promise<void>;
}

/** The API's limiters, created once per process over the same store as the sign-in limits. */
export function createApiRateLimits(store: LimiterStore, settings: ApiRateLimitSettings = apiRateLimitSettings()): ApiRateLimits {
  const definition = (policy: RateLimitPolicy): PolicyDefinition => ({
    policy,
    quota: settings.quotas[policy],
    windowSeconds: settings.windowSeconds,
  });
  const limiters: Record<RateLimitPolicy, RateLimiterAbstract> = {
    token: createLimiter(store, { keyPrefix: "api:token", points: settings.quotas.token, duration: settings.windowSeconds }),
    send: createLimiter(store, { keyPrefix: "api:send", points: settings.quotas.send, duration: settings.windowSeconds }),
    address: createLimiter(store, { keyPrefix: "api:address", points: settings.quotas.address, duration: settings.windowSeconds }),
    staff: createLimiter(store, { keyPrefix: "api:staff", points: settings.quotas.staff, duration: settings.windowSeconds }),
  };

  return {
    settings,
    async refundSends(caller, sends) {
      if (caller.kind !== "token" || sends <= 0) return;
      await limiters.send.reward(caller.tokenId, sends).catch((error: unknown) => {
        logger.warn({ err: error }, "a failed send's budget could not be given back");
      });
    },
    async take(caller, cost) {
      const counts: [RateLimitPolicy, string, number][] =
        caller.kind === "token"
          ? [
              ["token", caller.tokenId, cost.requests],
              ["send", caller.tokenId, cost.sends],
            ]
          : caller.kind === "staff"
            ? [["staff", caller.userId, cost.requests]]
            : [["address", caller.address, cost.requests]];
      const policies = counts.map(([policy]) => definition(policy));
      const taken = counts.filter(([, , points]) => points > 0);
      const results = await Promise.allSettled(taken.map(([policy, key, points]) => limiters[policy].consume(key, points)));

      const counted: PolicyState[] = [];
      results.forEach((result, index) => {
        const policy = taken[index]![0];
        const res = result.status === "fulfilled" ? result.value : result.reason;
        if (!(res instanceof RateLimiterRes)) {
          // Cannot happen with the in-memory fallback in place; if it does, the request goes ahead.
          logger.error({ err: res, policy }, "rate limit could not be counted; request let through");
          return;
        }
        counted.push({
          ...definition(policy),
          remaining: Math.max(0, res.remainingPoints),
          resetSeconds: Math.max(0, Math.ceil(res.msBeforeNext / 1000)),
          exceeded: result.status === "rejected",
        });
      });
      const exceeded = counted.filter((state) => state.exceeded);
      return {
        policies,
        counted,
        refused: exceeded.length ? { policies: exceeded, retryAfter: Math.max(1, ...exceeded.map((state) => state.resetSeconds)) } : null,
      };
    },
  };
}

/**
 * The policy to report in `RateLimit`: the one closest to its limit (an exceeded one, the longest wait
 * first; else the fewest units left, then the longest window left).
 */
export function closestToLimit(counted: PolicyState[]): PolicyState | null {
  return (
    [...counted].sort(
      (a, b) => Number(b.exceeded) - Number(a.exceeded) || a.remaining - b.remaining || b.resetSeconds - a.resetSeconds,
    )[0] ?? null
  );
}
