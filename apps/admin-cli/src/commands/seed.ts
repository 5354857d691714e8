// pnpm db:seed: the demo workshops nordlys-bil and fjord-auto with staff, bookings and conversations.
// Adds what is missing and a new API token per workshop (earlier tokens keep working), and prints the
// sign-ins and tokens. With MINBIL_WS_ACCESS_TOKEN set, that value becomes nordlys-bil's token, so the
// API document's examples run as written.
import { applyMigrations } from "@minbil/db/migrations";
import { seedDemoData } from "@minbil/demo/seed-demo-data";
import { printSeed } from "@minbil/demo/print-seed";
import { CommandError, runCommand } from "../run-command";
import { openAttachmentStorage } from "../attachment-storage";
import { env } from "../env";

await runCommand(async ({ prisma, adapterFactory }) => {
  if (env.NODE_ENV === "production") throw new CommandError("Refusing to add demo data with NODE_ENV=production.");
  await applyMigrations(adapterFactory);
  const seeded = await seedDemoData(prisma, openAttachmentStorage(), { fixedToken: env.MINBIL_WS_ACCESS_TOKEN, newTokenForExisting: true });
  printSeed(seeded, env.MINBIL_API_BASE_URL ?? `http://localhost:${env.PORT}`);
});
