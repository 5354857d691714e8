// `pnpm db:migrate`: applies pending migrations to the configured database
// (DATABASE_URL, or the embedded database in MINBIL_DATA_DIR).
import { openDatabase } from "../open-database";
import { applyMigrations } from "../migrations/apply-migrations";

const db = await openDatabase({ role: "tool" });
try {
  const applied = await applyMigrations(db.adapterFactory);
  console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "The database is up to date.");
} finally {
  await db.close();
}
// The wasm schema engine leaves a timer behind; a command-line tool is done here.
process.exit(0);
