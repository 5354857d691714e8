import { initTRPC } from "@trpc/server";
import { ZodError, z } from "zod";
import type { Context } from "./context";
import { ApiErrorCause, apiError } from "./errors";

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      data: {
        ...shape.data,
        // The same machine-readable code the REST API answers with, and validation issues by field.
        appCode: cause instanceof ApiErrorCause ? cause.code : cause instanceof ZodError ? "VALIDATION_FAILED" : null,
        fieldErrors: cause instanceof ZodError ? z.flattenError(cause).fieldErrors : null,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** For procedures anyone may call (none of the messaging ones). */
export const publicProcedure = t.procedure;

/** Signed in as staff or calling with a workshop API token; `ctx.auth` names the workshop. */
export const workshopProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.auth) {
    throw ctx.authFailure === "invalid"
      ? apiError("UNAUTHORIZED", "The access token is invalid, expired or revoked")
      : apiError("UNAUTHORIZED", "Authentication required: send Authorization: Bearer <workshop API token>");
  }
  return next({ ctx: { ...ctx, auth: ctx.auth } });
});

/** A signed-in owner of the workshop (not an API token, not plain staff). */
export const ownerProcedure = workshopProcedure.use(({ ctx, next }) => {
  const actor = ctx.auth.actor;
  if (actor.kind !== "staff" || actor.role !== "OWNER") throw apiError("FORBIDDEN", "Only the workshop's owners can do this");
  return next({ ctx: { ...ctx, auth: { ...ctx.auth, actor } } });
});
