// Run by `pnpm dev` and `pnpm start` before the server: applies pending migrations, and (dev only,
// unless --no-seed) fills an empty database with the demo data.
import { parseArgs } from "node:util";
import { applyMigrations } from "@minbil/db/migrations";
import { runCommand } from "../run-command";
import { openAttachmentStorage } from "../attachment-storage";
import { ensureDemoToken, seedDemoData } from "../demo/seed-demo-data";
import { printSeed } from "../demo/print-seed";
import { demoFixedTokens } from "../demo/fixed-tokens";

const { values } = parseArgs({ options: { "no-seed": { type: "boolean", default: false } } });

await runCommand(async (db) => {
  const applied = await applyMigrations(db.adapterFactory);
  console.log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database schema is up to date.");
  if (values["no-seed"] || process.env.NODE_ENV === "production") return;
  const fixed = demoFixedTokens();
  if ((await db.prisma.workshop.count()) === 0) {
    printSeed(await seedDemoData(db.prisma, openAttachmentStorage(), fixed));
    return;
  }
  // An existing demo database: still honour MINBIL_WS_ACCESS_TOKEN, so the documented examples work.
  const nordlys = fixed["nordlys-bil"] && (await db.prisma.workshop.findUnique({ where: { slug: "nordlys-bil" } }));
  if (nordlys) await ensureDemoToken(db.prisma, nordlys.id, fixed["nordlys-bil"]);
});
