import { z } from "zod";

/** GET /api/livez: the process answers. */
export const livenessDto = z.object({ status: z.literal("ok") }).meta({ id: "Liveness" });
export type LivenessDto = z.infer<typeof livenessDto>;

/** GET /api/readyz: whether the instance can serve, and each part it needs. */
export const readinessDto = z
  .object({
    status: z.enum(["ready", "unavailable"]),
    /** Each part the instance needs (database, migrations, storage …), and what is wrong with it. */
    checks: z.record(z.string(), z.object({ ok: z.boolean(), error: z.string().optional() })).meta({
      description: "Each part the instance needs (database, migrations, storage …), and what is wrong with it",
    }),
  })
  .meta({
    id: "Readiness",
    example: { status: "ready", checks: { database: { ok: true }, migrations: { ok: true }, storage: { ok: true } } },
  });
export type ReadinessDto = z.infer<typeof readinessDto>;
