import { z } from "zod";
import type { PrismaClient } from "@minbil/db/client";
import { isUniqueViolation } from "@minbil/db/database-errors";
import { staffDto, type createStaffInput, type setStaffDisabledInput } from "@minbil/contracts/admin/staff.schema";
import { hashPassword } from "../auth/password";
import { apiError } from "../errors";
import { revokeUserSessions } from "../auth/staff-sessions";
import { startReadPositions } from "../staff/start-read-positions";

type Deps = { db: PrismaClient; workshopId: string };

const toStaffDto = (row: { id: string; name: string; email: string; role: "OWNER" | "STAFF"; disabledAt: Date | null; createdAt: Date }) =>
  staffDto.parse({
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role.toLowerCase(),
    disabled: row.disabledAt !== null,
    created_at: row.createdAt.toISOString(),
  });

export async function listStaff(deps: Deps) {
  const rows = await deps.db.user.findMany({ where: { workshopId: deps.workshopId }, orderBy: [{ role: "asc" }, { name: "asc" }] });
  return z.array(staffDto).parse(rows.map(toStaffDto));
}

export async function createStaff(deps: Deps, input: z.output<typeof createStaffInput>) {
  try {
    const passwordHash = await hashPassword(input.password);
    const row = await deps.db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          workshopId: deps.workshopId,
          name: input.name,
          email: input.email,
          role: input.role === "owner" ? "OWNER" : "STAFF",
          passwordHash,
        },
      });
      await startReadPositions(tx, deps.workshopId, user.id);
      return user;
    });
    return toStaffDto(row);
  } catch (error) {
    // E-mails are unique per workshop, so this names only the caller's own staff.
    if (isUniqueViolation(error)) throw apiError("CONFLICT", "Someone in your workshop already has this e-mail address");
    throw error;
  }
}

/** Disables (or enables again) a staff member; an owner cannot lock themself out. */
export async function setStaffDisabled(deps: Deps & { actingUserId: string }, input: z.output<typeof setStaffDisabledInput>) {
  if (input.id === deps.actingUserId && input.disabled) throw apiError("VALIDATION_FAILED", "You cannot disable yourself");
  const { count } = await deps.db.user.updateMany({
    where: { id: input.id, workshopId: deps.workshopId },
    data: { disabledAt: input.disabled ? new Date() : null },
  });
  if (!count) throw apiError("NOT_FOUND", "User not found");
  // A disabled user's sessions end at once (the session check refuses them too; this also tidies up).
  if (input.disabled) await revokeUserSessions(deps.db, input.id);
  return toStaffDto(await deps.db.user.findUniqueOrThrow({ where: { id: input.id } }));
}
