import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { MigrationList } from "@prisma/schema-engine-wasm";
import { findWorkspaceRoot } from "../config";

// Reads prisma/ in Prisma's own layout (schema.prisma, migrations/<name>/migration.sql,
// migrations/migration_lock.toml), so the same folder also works with `prisma migrate deploy`.

export function prismaDir(): string {
  return path.join(findWorkspaceRoot(), "prisma");
}

export async function readSchema(dir = prismaDir()): Promise<string> {
  return readFile(path.join(dir, "schema.prisma"), "utf8");
}

export async function readMigrationList(dir = prismaDir()): Promise<MigrationList> {
  const baseDir = path.join(dir, "migrations");
  const lockPath = path.join(baseDir, "migration_lock.toml");
  const names = existsSync(baseDir)
    ? (await readdir(baseDir, { withFileTypes: true }))
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok" as const, value: await readFile(path.join(baseDir, name, "migration.sql"), "utf8") },
      },
    })),
  );
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? await readFile(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}
