// pnpm db:seed: the demo workshops nordlys-bil and fjord-auto with staff, bookings and conversations.
// Prints the staff sign-ins and one API token per workshop. With MINBIL_WS_ACCESS_TOKEN set (and not in
// production), that value becomes nordlys-bil's token, so the API document's examples run as written.
import { applyMigrations } from "@minbil/db/migrations";
import { runCommand } from "../run-command";
import { openAttachmentStorage } from "../attachment-storage";
import { seedDemoData } from "../demo/seed-demo-data";
import { printSeed } from "../demo/print-seed";
import { demoFixedTokens } from "../demo/fixed-tokens";

await runCommand(async ({ prisma, adapterFactory }) => {
  await applyMigrations(adapterFactory);
  printSeed(await seedDemoData(prisma, openAttachmentStorage(), demoFixedTokens()));
});
