// pnpm run webhook create --workshop <slug> --url <url> [--description <text>] [--events message.created,thread.read]
//   prints the signing secret as its last line (shown once)
// pnpm run webhook list --workshop <slug>
// pnpm run webhook delete <endpoint id>
import { parseArgs } from "node:util";
import { createWebhookInput, webhookByIdInput } from "@minbil/contracts/webhooks/webhook.schema";
import { createSecretBox, resolveEncryptionKey } from "@minbil/api/crypto/secret-box";
import { createWebhook, deleteWebhook, listWebhooks, type WebhookDeps } from "@minbil/api/webhooks/webhook-endpoints.handler";
import { webhookSettingsFrom } from "@minbil/api/webhooks/webhook-settings";
import { resolveDataDir } from "@minbil/db/config";
import type { PrismaClient } from "@minbil/db/client";
import { CommandError, runCommand } from "../run-command";
import { findWorkshop } from "../find-workshop";
import { env } from "../env";

const USAGE = `Usage:
  pnpm run webhook create --workshop <slug> --url <url> [--description <text>] [--events <type>,<type>]
  pnpm run webhook list --workshop <slug>
  pnpm run webhook delete <endpoint id>`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { workshop: { type: "string" }, url: { type: "string" }, description: { type: "string" }, events: { type: "string" } },
});
const [action, id] = positionals;

/** The same handlers as the REST API and the settings page, with the server's key for stored secrets. */
function deps(db: PrismaClient, workshopId: string): WebhookDeps {
  const key = resolveEncryptionKey({
    configured: env.MINBIL_ENCRYPTION_KEY,
    dataDir: resolveDataDir(),
    allowGenerated: env.NODE_ENV !== "production",
  });
  return { db, workshopId, secrets: createSecretBox(key), webhooks: webhookSettingsFrom(env, { demo: false }) };
}

await runCommand(async ({ prisma }) => {
  if (action === "create") {
    const workshop = await findWorkshop(prisma, values.workshop, USAGE);
    const input = createWebhookInput.parse({
      url: values.url,
      description: values.description ?? "",
      event_types: values.events ? values.events.split(",").map((type) => type.trim()) : null,
    });
    const created = await createWebhook(deps(prisma, workshop.id), input);
    console.log(
      `Created webhook endpoint ${created.id} for ${workshop.slug} → ${created.url} (${created.event_types?.join(", ") ?? "all events"}).`,
    );
    console.log("Its signing secret, shown once (verify webhook-signature with it):");
    console.log(created.secret);
  } else if (action === "list") {
    const workshop = await findWorkshop(prisma, values.workshop, USAGE);
    const endpoints = await listWebhooks(deps(prisma, workshop.id));
    if (!endpoints.length) console.log(`${workshop.slug} has no webhook endpoints.`);
    console.table(
      endpoints.map((endpoint) => ({
        id: endpoint.id,
        url: endpoint.url,
        events: endpoint.event_types?.join(", ") ?? "all",
        status: endpoint.enabled
          ? endpoint.failing_since
            ? `failing since ${endpoint.failing_since}`
            : "enabled"
          : `off (${endpoint.disabled_reason})`,
      })),
    );
  } else if (action === "delete") {
    const { id: endpointId } = webhookByIdInput.parse({ id });
    const endpoint = await prisma.webhookEndpoint.findUnique({ where: { id: endpointId }, select: { workshopId: true } });
    if (!endpoint) throw new CommandError(`No webhook endpoint with id ${endpointId}.`);
    await deleteWebhook(deps(prisma, endpoint.workshopId), { id: endpointId });
    console.log(`Deleted webhook endpoint ${endpointId}; its deliveries stop now.`);
  } else {
    throw new CommandError(USAGE);
  }
});
