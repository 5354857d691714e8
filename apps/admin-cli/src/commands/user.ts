// pnpm run user create --workshop <slug> --email <e-mail> --name <name> [--role owner|staff]
//   asks for the password (or reads one line from standard input when it is not a terminal)
// pnpm run user list --workshop <slug>
// pnpm run user disable --email <e-mail>
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { hashPassword } from "@minbil/api/auth/password";
import { CommandError, runCommand } from "../run-command";
import { findWorkshop } from "../find-workshop";

const USAGE = `Usage:
  pnpm run user create --workshop <slug> --email <e-mail> --name <name> [--role owner|staff]
  pnpm run user list --workshop <slug>
  pnpm run user disable --email <e-mail>`;
const MIN_PASSWORD_LENGTH = 10;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { workshop: { type: "string" }, email: { type: "string" }, name: { type: "string" }, role: { type: "string", default: "staff" } },
});

async function readPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdin.isTTY ? process.stdout : undefined, terminal: process.stdin.isTTY });
  if (process.stdin.isTTY) {
    process.stdout.write(`Password (at least ${MIN_PASSWORD_LENGTH} characters, not shown): `);
    // Hide what is typed: readline echoes through _writeToOutput.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
  }
  const line = await new Promise<string>((resolve) => rl.once("line", resolve).once("close", () => resolve("")));
  rl.close();
  if (process.stdin.isTTY) process.stdout.write("\n");
  return line;
}

await runCommand(async ({ prisma }) => {
  const action = positionals[0];
  if (action === "create") {
    const workshop = await findWorkshop(prisma, values.workshop, USAGE);
    const email = values.email?.trim().toLowerCase() ?? "";
    const role = values.role?.toUpperCase();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) || !values.name?.trim() || (role !== "OWNER" && role !== "STAFF")) {
      throw new CommandError(`An e-mail, a name and --role owner or staff are required.\n${USAGE}`);
    }
    if (await prisma.user.findUnique({ where: { email } })) throw new CommandError(`A user with e-mail ${email} exists already.`);
    const password = await readPassword();
    if (password.length < MIN_PASSWORD_LENGTH) throw new CommandError(`The password must have at least ${MIN_PASSWORD_LENGTH} characters.`);
    const user = await prisma.user.create({ data: { workshopId: workshop.id, email, name: values.name.trim(), role, passwordHash: await hashPassword(password) } });
    console.log(`Created ${role.toLowerCase()} ${user.name} <${user.email}> in ${workshop.slug}.`);
  } else if (action === "list") {
    const workshop = await findWorkshop(prisma, values.workshop, USAGE);
    const users = await prisma.user.findMany({ where: { workshopId: workshop.id }, orderBy: { email: "asc" } });
    console.table(users.map((u) => ({ email: u.email, name: u.name, role: u.role.toLowerCase(), status: u.disabledAt ? "disabled" : "active" })));
  } else if (action === "disable") {
    const email = values.email?.trim().toLowerCase();
    const user = email ? await prisma.user.findUnique({ where: { email } }) : null;
    if (!user) throw new CommandError(`No user with e-mail ${email ?? "(none given)"}.\n${USAGE}`);
    await prisma.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    console.log(`Disabled ${user.email}: signing in and open sessions stop working.`);
  } else {
    throw new CommandError(USAGE);
  }
});
