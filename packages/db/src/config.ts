import { existsSync } from "node:fs";
import path from "node:path";
import { dbEnv, type DbEnv } from "./env";

/** Where the data lives: a PostgreSQL server, or the embedded PostgreSQL (PGlite) in a folder. */
export type DatabaseConfig =
  | { kind: "postgres"; url: string; poolSize: number; connectTimeoutMs: number; queryTimeoutMs: number }
  | { kind: "embedded"; dataDir: string; pgliteDir: string; socketDir: string };

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
export function resolveDataDir(env: Pick<DbEnv, "MINBIL_DATA_DIR"> = dbEnv()): string {
  return path.resolve(/* turbopackIgnore: true */ env.MINBIL_DATA_DIR ?? path.join(findWorkspaceRoot(), ".data"));
}

export function resolveDatabaseConfig(env: DbEnv = dbEnv()): DatabaseConfig {
  if (env.DATABASE_URL) {
    return {
      kind: "postgres",
      url: env.DATABASE_URL,
      poolSize: env.DATABASE_POOL_SIZE,
      connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
      queryTimeoutMs: env.DATABASE_QUERY_TIMEOUT_MS,
    };
  }
  const dataDir = resolveDataDir(env);
  return { kind: "embedded", dataDir, pgliteDir: path.join(dataDir, "pglite"), socketDir: path.join(dataDir, "run") };
}
