import { z } from "zod";
import { STAFF_PASSWORD_MIN_LENGTH } from "./staff.schema";

/** A staff member changes their own password; every other session of theirs ends. */
export const changePasswordInput = z.object({
  current_password: z.string({ error: "current_password is required" }).min(1, { error: "Enter your current password" }).max(200),
  new_password: z
    .string({ error: "new_password is required" })
    .min(STAFF_PASSWORD_MIN_LENGTH, { error: `The new password needs at least ${STAFF_PASSWORD_MIN_LENGTH} characters` })
    .max(200, { error: "The new password may have at most 200 characters" }),
});

export const endedSessionsDto = z.object({ ended_sessions: z.number().int().nonnegative() });
export type EndedSessionsDto = z.infer<typeof endedSessionsDto>;
