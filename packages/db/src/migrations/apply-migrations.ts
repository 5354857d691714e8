import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { createSchemaEngine } from "./schema-engine";
import { readMigrationList, readSchema, prismaDir } from "./migrations-folder";

const NO_FILTERS = { externalTables: [], externalEnums: [] };

/**
 * Applies the migrations in prisma/migrations that the database has not seen yet, recording them in
 * `_prisma_migrations` exactly as `prisma migrate deploy` does. Returns the names it applied.
 */
export async function applyMigrations(adapterFactory: SqlMigrationAwareDriverAdapterFactory, dir = prismaDir()): Promise<string[]> {
  const [schema, migrationsList] = await Promise.all([readSchema(dir), readMigrationList(dir)]);
  const engine = await createSchemaEngine(adapterFactory, schema);
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
    return appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/**
 * The SQL that brings a database with every existing migration to prisma/schema.prisma, or null when
 * there is nothing to change. Uses the adapter's shadow database to replay the existing migrations.
 */
export async function planMigration(adapterFactory: SqlMigrationAwareDriverAdapterFactory, dir = prismaDir()): Promise<string | null> {
  const [schema, migrationsList] = await Promise.all([readSchema(dir), readMigrationList(dir)]);
  const engine = await createSchemaEngine(adapterFactory, schema);
  try {
    const result = await engine.diff({
      from: { tag: "migrations", ...migrationsList },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schema }] },
      script: true,
      exitCode: true,
      filters: NO_FILTERS,
    });
    return result.exitCode === 2 ? result.stdout : null;
  } finally {
    engine.free();
  }
}
