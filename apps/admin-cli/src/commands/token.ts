// pnpm token create --workshop <slug> [--name <label>]   prints the new secret as its last line
// pnpm token list --workshop <slug>
// pnpm token revoke <token id>
import { parseArgs } from "node:util";
import { createApiToken } from "@minbil/api/auth/api-token";
import { listApiTokens } from "@minbil/api/admin/api-tokens.handler";
import { CommandError, runCommand } from "../run-command";
import { findWorkshop } from "../find-workshop";

const USAGE = `Usage:
  pnpm token create --workshop <slug> [--name <label>]
  pnpm token list --workshop <slug>
  pnpm token revoke <token id>`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { workshop: { type: "string" }, name: { type: "string" } },
});
const [action, id] = positionals;

await runCommand(async ({ prisma }) => {
  if (action === "create") {
    const workshop = await findWorkshop(prisma, values.workshop, USAGE);
    const token = await createApiToken(prisma, workshop.id, values.name?.trim() || "API token");
    console.log(`Created API token ${token.id} ("${token.name}") for ${workshop.slug}. Store it now: it is not shown again.`);
    console.log(token.secret);
  } else if (action === "list") {
    const workshop = await findWorkshop(prisma, values.workshop, USAGE);
    // The same list as the settings page shows.
    const tokens = await listApiTokens({ db: prisma, workshopId: workshop.id });
    if (!tokens.length) console.log(`${workshop.slug} has no API tokens.`);
    console.table(
      tokens.map((token) => ({
        id: token.id,
        name: token.name,
        prefix: `${token.prefix}…`,
        created: token.created_at,
        "last used": token.last_used_at ?? "never",
        status: token.revoked_at ? `revoked ${token.revoked_at}` : "active",
      })),
    );
  } else if (action === "revoke") {
    if (!id) throw new CommandError(USAGE);
    const token = await prisma.apiToken.findUnique({ where: { id } });
    if (!token) throw new CommandError(`No API token with id ${id}.`);
    if (token.revokedAt) {
      console.log(`Token ${id} was already revoked at ${token.revokedAt.toISOString()}.`);
      return;
    }
    await prisma.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    console.log(`Revoked token ${id} ("${token.name}"). Requests with it now get 401.`);
  } else {
    throw new CommandError(USAGE);
  }
});
