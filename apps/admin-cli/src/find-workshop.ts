import type { PrismaClient } from "@minbil/db/client";
import { CommandError } from "./run-command";

export async function findWorkshop(db: PrismaClient, slug: string | undefined, usage: string) {
  if (!slug) throw new CommandError(`--workshop <slug> is required.\n${usage}`);
  const workshop = await db.workshop.findUnique({ where: { slug } });
  if (!workshop) {
    const known = (await db.workshop.findMany({ select: { slug: true }, orderBy: { slug: "asc" } })).map((w) => w.slug);
    throw new CommandError(
      `No workshop with slug "${slug}". Known: ${known.join(", ") || "none (run pnpm db:seed or pnpm workshop create)"}.`,
    );
  }
  return workshop;
}
