import type { FastifyRequest } from "fastify";
import type { Context } from "../context";
import { createCaller } from "../root";
import { readRequestFields } from "../http/request-body";

type Caller = ReturnType<typeof createCaller>;

/**
 * Reads a JSON (or form) body after authorizing the caller, and hands its fields to a procedure, which
 * validates them. An unauthorized caller's body is never read: the procedure says why it refuses.
 */
export async function withBody<T>(
  ctx: Context,
  request: FastifyRequest,
  run: (fields: Record<string, unknown>, caller: Caller) => Promise<T>,
): Promise<T> {
  const caller = createCaller(ctx);
  const { auth } = await ctx.getAuth();
  if (!auth) return run({}, caller);
  const { fields, cleanup } = await readRequestFields(request.raw);
  try {
    return await run(fields, caller);
  } finally {
    await cleanup();
  }
}
