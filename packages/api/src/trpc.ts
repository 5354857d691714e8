import { initTRPC } from "@trpc/server";
import type { Context } from "./context";
import type { AuthContext, AuthFailure } from "./auth/auth-context";
import { describeError } from "./describe-error";
import { ApiErrorCause, apiError } from "./errors";

/** What the HTTP layer needs to know of a procedure. */
export interface ProcedureMeta {
  /** "send": it sends a message, and spends the API token's send budget too (see http/rate-limit.ts). */
  rateLimit?: "send";
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    // Stack traces stay in our logs, never in answers.
    isDev: false,
    errorFormatter({ shape, error }) {
      // The same sentence, code and field problems as the REST API answers with (see describeError).
      const described = describeError(error);
      return {
        ...shape,
        message: described.message,
        data: {
          ...shape.data,
          appCode: described.code,
          details: described.details ?? null,
          retryAfter: described.retryAfter ?? null,
          ...described.extra,
        },
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Every procedure answers errors with the status REST gives them: invalid input 422 (tRPC's own is
 * 400), a size limit 413, an outage of the database 503 with a retry hint (not 500), whichever step
 * raised it. Internal errors stay as they are (500, with a generic message; see errorFormatter).
 */
const baseProcedure = t.procedure.use(async ({ next }) => {
  const result = await next();
  if (!result.ok && !(result.error.cause instanceof ApiErrorCause)) {
    const described = describeError(result.error);
    if (!described.internal) throw apiError(described.code, described.message, described.details, described.retryAfter, described.extra);
  }
  return result;
});

/** For procedures anyone may call (none of the messaging ones). */
export const publicProcedure = baseProcedure;

export function authFailureError(failure: AuthFailure) {
  switch (failure) {
    case "invalid":
      return apiError("UNAUTHORIZED", "The access token or session is invalid, expired or revoked");
    case "cross_site":
      return apiError("FORBIDDEN", "Cross-site request refused: state-changing requests must come from the inbox's own pages");
    case "missing":
      return apiError("UNAUTHORIZED", "Authentication required: send Authorization: Bearer <workshop API token>");
  }
}

/** Signed in as staff or calling with a workshop API token; `ctx.auth` names the workshop. */
export const workshopProcedure = baseProcedure.use(async ({ ctx, next }) => {
  const { auth, failure } = await ctx.getAuth();
  if (!auth) throw authFailureError(failure);
  return next({ ctx: { ...ctx, auth } satisfies Context & { auth: AuthContext } });
});

/** A signed-in owner of the workshop (not an API token, not plain staff). */
export const ownerProcedure = workshopProcedure.use(({ ctx, next }) => {
  const actor = ctx.auth.actor;
  if (actor.kind !== "staff" || actor.role !== "OWNER") throw apiError("FORBIDDEN", "Only the workshop's owners can do this");
  return next({ ctx: { ...ctx, auth: { ...ctx.auth, actor } } });
});

/** A signed-in staff member (not an API token). */
export const staffProcedure = workshopProcedure.use(({ ctx, next }) => {
  const actor = ctx.auth.actor;
  if (actor.kind !== "staff") throw apiError("FORBIDDEN", "Only signed-in staff can do this");
  return next({ ctx: { ...ctx, auth: { ...ctx.auth, actor } } });
});

/**
 * Partner-facing settings (webhooks): an API token of the workshop, or one of its owners signed in.
 * Plain staff cannot change where the workshop's data is sent.
 */
export const integrationProcedure = workshopProcedure.use(({ ctx, next }) => {
  const actor = ctx.auth.actor;
  if (actor.kind === "staff" && actor.role !== "OWNER")
    throw apiError("FORBIDDEN", "Only the workshop's owners (or its API tokens) can do this");
  return next();
});
