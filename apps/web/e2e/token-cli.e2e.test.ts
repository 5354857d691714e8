import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";

// `pnpm run token` while the app runs on the embedded database: the CLI reaches the database through
// the app's socket, and what it does takes effect in the running app at once.

const run = promisify(execFile);
const CLI_DIR = path.resolve(import.meta.dirname, "../../admin-cli");

async function tokenCli(...args: string[]) {
  const { stdout } = await run(path.join(CLI_DIR, "node_modules/.bin/tsx"), ["src/commands/token.ts", ...args], {
    cwd: CLI_DIR,
    env: { ...process.env, MINBIL_DATA_DIR: inject("dataDir"), DATABASE_URL: "" },
  });
  return stdout.trim();
}

const list = (token: string) => fetch(`${inject("baseUrl")}/api/ws/messages`, { headers: { Authorization: `Bearer ${token}` } });

describe("token commands against the running app", () => {
  it("create a token that works at once, list it with its last use, and revoke it at once", async () => {
    const created = await tokenCli("create", "--workshop", "nordlys-bil", "--name", "E2E partner");
    const secret = created.split("\n").at(-1)!;
    expect(secret).toMatch(/^mbw_/);
    expect((await list(secret)).status).toBe(200);

    const listing = await tokenCli("list", "--workshop", "nordlys-bil");
    const row = listing.split("\n").find((line) => line.includes("E2E partner"))!;
    expect(row).toContain("active");
    expect(row).not.toContain("never");
    expect(listing).not.toContain(secret);

    const id = /'(c[a-z0-9]{20,})'/.exec(row)![1]!;
    expect(await tokenCli("revoke", id)).toContain("Revoked");
    const refused = await list(secret);
    expect(refused.status).toBe(401);
  });
});
