import { existsSync } from "node:fs";
import path from "node:path";

/** Where the data lives: a PostgreSQL server, or the embedded PostgreSQL (PGlite) in a folder. */
export type DatabaseConfig =
  { kind: "postgres"; url: string } | { kind: "embedded"; dataDir: string; pgliteDir: string; socketDir: string };

/** The workspace root: the nearest folder upwards that holds pnpm-workspace.yaml. */
export function findWorkspaceRoot(from: string = process.cwd()): string {
  let dir = path.resolve(/* turbopackIgnore: true */ from);
  for (;;) {
    if (existsSync(path.join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(/* turbopackIgnore: true */ from);
    dir = parent;
  }
}

/** The folder for the embedded database and stored attachments (MINBIL_DATA_DIR, default `<repo>/.data`). */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(/* turbopackIgnore: true */ env.MINBIL_DATA_DIR ?? path.join(findWorkspaceRoot(), ".data"));
}

export function resolveDatabaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error("DATABASE_URL must be a postgresql:// connection string (leave it unset for the embedded database).");
    }
    return { kind: "postgres", url };
  }
  const dataDir = resolveDataDir(env);
  return {
    kind: "embedded",
    dataDir,
    pgliteDir: path.join(dataDir, "pglite"),
    socketDir: path.join(dataDir, "run"),
  };
}
