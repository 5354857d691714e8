import { connect } from "node:net";
import { rm } from "node:fs/promises";
import path from "node:path";

// PGlite is one process per data folder. The process that opens the folder also serves it on a
// Unix socket (PostgreSQL wire protocol, one connection) so that command-line tools such as
// `pnpm token` and `pnpm db:seed` can work while the app runs, through the ordinary `pg` driver.

export const SOCKET_PORT = 5432;

export function socketPath(socketDir: string): string {
  return path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}`);
}

/** True when another process serves the embedded database on its socket. Removes a stale socket file. */
export async function isSocketServed(socketDir: string): Promise<boolean> {
  const file = socketPath(socketDir);
  const served = await new Promise<boolean>((resolve) => {
    const socket = connect(file);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
  if (!served) await rm(file, { force: true });
  return served;
}
