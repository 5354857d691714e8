import { z } from "zod";
import type { PrismaClient } from "@minbil/db/client";
import { staffRefDto, type StaffRefDto } from "@minbil/contracts/dto";

/** The workshop's active staff, by name: whom a thread can be assigned to, and who can be @-named. */
export async function listStaffRefs(deps: { db: PrismaClient; workshopId: string }): Promise<StaffRefDto[]> {
  const rows = await deps.db.user.findMany({
    where: { workshopId: deps.workshopId, disabledAt: null },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true },
  });
  return z.array(staffRefDto).parse(rows);
}
