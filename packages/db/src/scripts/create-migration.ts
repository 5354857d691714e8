// `pnpm db:migration:create <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with
// the SQL that takes the existing migrations to prisma/schema.prisma. Needs no database: the
// existing migrations are replayed in a throw-away in-memory PGlite.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { planMigration } from "../migrations/apply-migrations";
import { prismaDir } from "../migrations/migrations-folder";
import { openPglite, PrismaPGliteWithExtensions } from "../embedded/open-pglite";

const name = (process.argv[2] ?? "")
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, "_")
  .replace(/^_|_$/g, "");
if (!name) {
  console.error("Usage: pnpm db:migration:create <name>   (e.g. add_booking_notes)");
  process.exit(2);
}

const pglite = await openPglite();
try {
  const sql = await planMigration(new PrismaPGliteWithExtensions(pglite));
  if (!sql) {
    console.log("prisma/schema.prisma matches the migrations: nothing to create.");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const migrationsDir = path.join(prismaDir(), "migrations");
    const folder = path.join(migrationsDir, `${stamp}_${name}`);
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, "migration.sql"), sql);
    console.log(`Created ${path.relative(process.cwd(), folder)}/migration.sql. Review it, then run pnpm db:migrate.`);
  }
} finally {
  await pglite.close();
}
// The wasm schema engine leaves a timer behind; a command-line tool is done here.
process.exit(0);
