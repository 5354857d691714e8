import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import * as engineModule from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

// Prisma's schema engine (the part of `prisma migrate` that plans and applies migrations),
// compiled to WebAssembly. The Prisma CLI would download a native binary, which our machines
// cannot fetch. The package's main entry imports the .wasm file as an ES module, which Node 20
// rejects, so we instantiate the module by hand, as wasm-bindgen's own loader would.

let initialised: Promise<void> | undefined;

function initialise(): Promise<void> {
  initialised ??= (async () => {
    const require = createRequire(import.meta.url);
    const bgFile = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(path.join(path.dirname(bgFile), "schema_engine_bg.wasm"));
    const module = new WebAssembly.Module(bytes);
    const instance = new WebAssembly.Instance(module, { "./schema_engine_bg.js": engineModule as unknown as WebAssembly.ModuleImports });
    engineModule.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return initialised;
}

export const SCHEMA_FILE_NAME = "schema.prisma";

export async function createSchemaEngine(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  schemaText: string,
  log: (line: string) => void = () => {},
): Promise<SchemaEngine> {
  await initialise();
  const engine = await (engineModule.SchemaEngine as unknown as typeof SchemaEngine).new(
    { datamodels: [[SCHEMA_FILE_NAME, schemaText]] },
    (line: string) => log(line),
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
  return engine;
}
