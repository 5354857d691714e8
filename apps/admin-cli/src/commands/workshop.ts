// pnpm run workshop create --slug <slug> --name <name>
// pnpm run workshop list
import { parseArgs } from "node:util";
import { createWorkshop } from "@minbil/api/workshops/create-workshop";
import { CommandError, runCommand } from "../run-command";

const USAGE = `Usage:
  pnpm run workshop create --slug <slug> --name <name>
  pnpm run workshop list`;

const { positionals, values } = parseArgs({ allowPositionals: true, options: { slug: { type: "string" }, name: { type: "string" } } });

await runCommand(async ({ prisma }) => {
  if (positionals[0] === "create") {
    const slug = values.slug?.trim().toLowerCase() ?? "";
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || !values.name?.trim())
      throw new CommandError(`A slug (a-z, 0-9 and dashes) and a name are required.\n${USAGE}`);
    if (await prisma.workshop.findUnique({ where: { slug } })) throw new CommandError(`A workshop with slug "${slug}" exists already.`);
    const workshop = await createWorkshop(prisma, { slug, name: values.name.trim() });
    console.log(
      `Created workshop ${workshop.name} (${workshop.slug}) with the default message templates. Next: pnpm run user create --workshop ${slug} --email <e-mail> --name <name> --role owner`,
    );
  } else if (positionals[0] === "list") {
    const workshops = await prisma.workshop.findMany({
      orderBy: { slug: "asc" },
      include: { _count: { select: { users: true, bookings: true } } },
    });
    console.table(workshops.map((w) => ({ slug: w.slug, name: w.name, staff: w._count.users, bookings: w._count.bookings })));
  } else {
    throw new CommandError(USAGE);
  }
});
