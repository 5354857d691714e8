import type { PrismaClient } from "@minbil/db/client";
import { addDefaultTemplates } from "../templates/default-templates";

/**
 * Creates a workshop with what every workshop starts with (the default message templates), in one
 * transaction. The admin CLI's `workshop create` and the demo seed create workshops through this.
 */
export async function createWorkshop(db: PrismaClient, input: { slug: string; name: string; phone?: string | null }) {
  return db.$transaction(async (tx) => {
    const workshop = await tx.workshop.create({ data: { slug: input.slug, name: input.name, phone: input.phone ?? null } });
    await addDefaultTemplates(tx, workshop.id);
    return workshop;
  });
}
