import type { PrismaClient } from "@minbil/db/client";
import { meDto, type MeDto } from "@minbil/contracts/dto";
import { apiError } from "../errors";
import type { AuthContext } from "./auth-context";

/** The signed-in staff member and their workshop. */
export async function getMe(deps: { db: PrismaClient; auth: AuthContext }): Promise<MeDto> {
  if (deps.auth.actor.kind !== "staff") throw apiError("FORBIDDEN", "Only signed-in staff have a profile");
  const user = await deps.db.user.findUniqueOrThrow({
    where: { id: deps.auth.actor.userId },
    select: { id: true, name: true, email: true, role: true, workshop: { select: { id: true, slug: true, name: true } } },
  });
  return meDto.parse({ user: { id: user.id, name: user.name, email: user.email, role: user.role.toLowerCase() }, workshop: user.workshop });
}
