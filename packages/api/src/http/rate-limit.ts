import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { TRPCError } from "@trpc/server";
import type { RateLimitPolicy } from "@minbil/contracts/rest/rate-limits";
import type { Context } from "../context";
import { apiError } from "../errors";
import { logger } from "../logger";
import { closestToLimit, type ApiRateLimits, type LimitCost, type LimitVerdict, type RateLimitCaller } from "../rate-limits/api-limits";
import { sendError } from "./error-reply";

declare module "fastify" {
  interface FastifyContextConfig {
    /** How a request to this route counts against the caller's rate limits (default: one request, no send). */
    rateLimit?: RouteRateLimit;
  }
}

export interface RouteRateLimit {
  /** The quota units a request takes, fixed or read from the request (before its body). */
  cost?: LimitCost | ((request: FastifyRequest) => LimitCost);
  /**
   * The route answers a refusal itself, in its own error shape (tRPC's), taking it from
   * `rateLimitRefusal(request)`; other routes are answered here, in the REST error shape.
   */
  answersRefusal?: boolean;
}

const ONE_REQUEST: LimitCost = { requests: 1, sends: 0 };

/** Paths whose answers are rate limited: the REST API and tRPC (the health checks are not). */
export function isRateLimitedPath(url: string): boolean {
  return /^\/api\/(ws|trpc)(\/|\?|$)/.test(url);
}

export interface RateLimitDeps {
  contextFor(request: FastifyRequest): Promise<Context>;
  /** The process's limiters; rejects while the server is starting (the route then answers 503 itself). */
  getRateLimits(): Promise<ApiRateLimits>;
}

const refusals = new WeakMap<FastifyRequest, TRPCError>();
/** Sends counted for a request, to give back if it fails. */
const sendsTaken = new WeakMap<FastifyRequest, { caller: RateLimitCaller; sends: number; limits: ApiRateLimits }>();

/** The refusal of a request that went over a limit, for a route that answers refusals itself. */
export function rateLimitRefusal(request: FastifyRequest): TRPCError | undefined {
  return refusals.get(request);
}

/**
 * Counts every API request against its caller's limits before anything else reads it (its body
 * included), and puts the `RateLimit-Policy` and `RateLimit` headers on its answer, whatever the answer.
 * Over a limit: 429 RATE_LIMITED with Retry-After. The caller is resolved here once (ctx.getAuth()),
 * and the route gets the same context. When the caller cannot be resolved (the database is down, the
 * server is starting) nothing is counted and the route answers as it would (503).
 *
 * Header syntax: draft-ietf-httpapi-ratelimit-headers-11 (May 2026), structured fields:
 *   RateLimit-Policy: "token";q=600;w=60, "send";q=60;w=60   every policy that governs the caller
 *   RateLimit: "token";r=598;t=42                             the counted policy closest to its limit:
 *                                                             r units left, the window ends in t seconds
 */
export function registerRateLimits(app: FastifyInstance, deps: RateLimitDeps): void {
  // A send that failed (refused input, an unknown booking, an outage) sent nothing: its send is given back.
  app.addHook("onResponse", (request, reply, done) => {
    const taken = sendsTaken.get(request);
    if (taken && reply.statusCode >= 400) void taken.limits.refundSends(taken.caller, taken.sends);
    done();
  });
  app.addHook("onRequest", async (request, reply) => {
    if (!isRateLimitedPath(request.url)) return;
    const config = request.routeOptions.config.rateLimit;
    let caller: RateLimitCaller;
    let limits: ApiRateLimits;
    try {
      [caller, limits] = await Promise.all([callerOf(request, deps), deps.getRateLimits()]);
    } catch {
      return;
    }
    const cost = typeof config?.cost === "function" ? config.cost(request) : (config?.cost ?? ONE_REQUEST);
    let verdict: LimitVerdict;
    try {
      verdict = await limits.take(caller, cost);
    } catch (error) {
      logger.error({ err: error, reqId: request.id }, "rate limits could not be checked; request let through");
      return;
    }
    setRateLimitHeaders(reply, verdict);
    if (!verdict.refused) {
      if (cost.sends > 0) sendsTaken.set(request, { caller, sends: cost.sends, limits });
      return;
    }
    const refusal = refusalError(verdict.refused);
    if (config?.answersRefusal) {
      refusals.set(request, refusal);
      return;
    }
    return sendError(reply, refusal);
  });
}

async function callerOf(request: FastifyRequest, deps: RateLimitDeps): Promise<RateLimitCaller> {
  const { auth } = await (await deps.contextFor(request)).getAuth();
  if (auth?.actor.kind === "api_token") return { kind: "token", tokenId: auth.actor.tokenId };
  if (auth?.actor.kind === "staff") return { kind: "staff", userId: auth.actor.userId };
  // No credentials, or ones that failed: the client address (request.ip honours TRUST_PROXY).
  return { kind: "address", address: request.ip };
}

export function setRateLimitHeaders(reply: FastifyReply, verdict: LimitVerdict): void {
  reply.header("RateLimit-Policy", verdict.policies.map((p) => `"${p.policy}";q=${p.quota};w=${p.windowSeconds}`).join(", "));
  const closest = closestToLimit(verdict.counted);
  if (closest) reply.header("RateLimit", `"${closest.policy}";r=${closest.remaining};t=${closest.resetSeconds}`);
}

const WHAT: Record<RateLimitPolicy, string> = {
  token: "Too many requests with this API token",
  send: "Too many messages sent with this API token",
  address: "Too many requests without valid credentials from this address",
  staff: "Too many requests from this account",
};

/** 429 RATE_LIMITED naming the exceeded policy with the longest wait, and when to try again. */
function refusalError(refused: NonNullable<LimitVerdict["refused"]>) {
  const { policy, quota, windowSeconds } = closestToLimit(refused.policies)!;
  const { retryAfter } = refused;
  return apiError(
    "RATE_LIMITED",
    `${WHAT[policy]}: at most ${quota} per ${windowSeconds} seconds. Try again in ${retryAfter} second${retryAfter === 1 ? "" : "s"}.`,
    undefined,
    retryAfter,
  );
}
