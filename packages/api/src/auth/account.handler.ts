import type { z } from "zod";
import type { PrismaClient } from "@minbil/db/client";
import { endedSessionsDto, type changePasswordInput, type EndedSessionsDto } from "@minbil/contracts/admin/account.schema";
import { fieldError } from "../errors";
import { hashPassword, verifyPassword } from "./password";
import { revokeUserSessions } from "./staff-sessions";

type Deps = { db: PrismaClient; userId: string; sessionId?: string };

/** Changes the caller's password after checking the current one; ends their other sessions. */
export async function changeOwnPassword(deps: Deps, input: z.output<typeof changePasswordInput>): Promise<EndedSessionsDto> {
  const user = await deps.db.user.findUniqueOrThrow({ where: { id: deps.userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, input.current_password))) {
    throw fieldError("current_password", "The current password is not right");
  }
  await deps.db.user.update({ where: { id: deps.userId }, data: { passwordHash: await hashPassword(input.new_password) } });
  return endedSessionsDto.parse({ ended_sessions: await revokeUserSessions(deps.db, deps.userId, deps.sessionId) });
}

/** "Sign out everywhere": ends every session of the caller, this one included. */
export async function signOutEverywhere(deps: Deps): Promise<EndedSessionsDto> {
  return endedSessionsDto.parse({ ended_sessions: await revokeUserSessions(deps.db, deps.userId) });
}
