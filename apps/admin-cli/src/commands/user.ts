// pnpm run user create --workshop <slug> --email <e-mail> --name <name> [--role owner|staff]
//   asks for the password (or reads one line from standard input when it is not a terminal)
// pnpm run user list --workshop <slug>
// pnpm run user disable --workshop <slug> --email <e-mail>
// pnpm run user set-password --workshop <slug> --email <e-mail>   asks for the new password; ends the user's sessions
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { createStaffInput, STAFF_PASSWORD_MIN_LENGTH } from "@minbil/contracts/admin/staff.schema";
import { createStaff, listStaff, setStaffDisabled } from "@minbil/api/admin/staff.handler";
import { hashPassword } from "@minbil/api/auth/password";
import { revokeUserSessions } from "@minbil/api/auth/staff-sessions";
import type { PrismaClient } from "@minbil/db/client";
import { CommandError, runCommand } from "../run-command";
import { findWorkshop } from "../find-workshop";

const USAGE = `Usage:
  pnpm run user create --workshop <slug> --email <e-mail> --name <name> [--role owner|staff]
  pnpm run user list --workshop <slug>
  pnpm run user disable --workshop <slug> --email <e-mail>
  pnpm run user set-password --workshop <slug> --email <e-mail>`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    workshop: { type: "string" },
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string", default: "staff" },
  },
});

async function readPassword(): Promise<string> {
  const rl = createInterface({
    input: process.stdin,
    output: process.stdin.isTTY ? process.stdout : undefined,
    terminal: process.stdin.isTTY,
  });
  if (process.stdin.isTTY) {
    process.stdout.write(`Password (at least ${STAFF_PASSWORD_MIN_LENGTH} characters, not shown): `);
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
    const role = values.role?.toLowerCase();
    if (!values.email || !values.name || (role !== "owner" && role !== "staff")) {
      throw new CommandError(`An e-mail, a name and --role owner or staff are required.\n${USAGE}`);
    }
    // The same validation and the same handler as adding staff on the settings page.
    const input = createStaffInput.parse({ name: values.name, email: values.email, role, password: await readPassword() });
    const user = await createStaff({ db: prisma, workshopId: workshop.id }, input);
    console.log(`Created ${user.role} ${user.name} <${user.email}> in ${workshop.slug}.`);
  } else if (action === "list") {
    const workshop = await findWorkshop(prisma, values.workshop, USAGE);
    const users = await listStaff({ db: prisma, workshopId: workshop.id });
    console.table(users.map((u) => ({ email: u.email, name: u.name, role: u.role, status: u.disabled ? "disabled" : "active" })));
  } else if (action === "disable") {
    const { workshop, user } = await findUser(prisma);
    // The same handler as the settings page: the user's sessions end at once.
    await setStaffDisabled({ db: prisma, workshopId: workshop.id, actingUserId: "" }, { id: user.id, disabled: true });
    console.log(`Disabled ${user.email} in ${workshop.slug}: signing in and open sessions stop working.`);
  } else if (action === "set-password") {
    const { workshop, user } = await findUser(prisma);
    const { password } = createStaffInput.pick({ password: true }).parse({ password: await readPassword() });
    await prisma.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
    const ended = await revokeUserSessions(prisma, user.id);
    console.log(`Set a new password for ${user.email} in ${workshop.slug}; ended ${ended} open session(s).`);
  } else {
    throw new CommandError(USAGE);
  }
});

async function findUser(prisma: PrismaClient) {
  const workshop = await findWorkshop(prisma, values.workshop, USAGE);
  const email = values.email?.trim().toLowerCase();
  const user = email ? await prisma.user.findUnique({ where: { workshopId_email: { workshopId: workshop.id, email } } }) : null;
  if (!user) throw new CommandError(`No user with e-mail ${email ?? "(none given)"} in ${workshop.slug}.\n${USAGE}`);
  return { workshop, user };
}
