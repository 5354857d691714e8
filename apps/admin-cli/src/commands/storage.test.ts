import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbEnv } from "@minbil/db/env";
import { resolveDatabaseConfig } from "@minbil/db/config";
import { openDatabase, type Database } from "@minbil/db/open-database";
import { applyMigrations } from "@minbil/db/migrations";
import { createTestDatabase } from "@minbil/db/testing";
import { LocalDiskStorage } from "@minbil/api/attachments/local-disk-storage";
import { S3Storage } from "@minbil/api/attachments/s3-storage";
import { sendMessage } from "@minbil/api/messages/send-message.handler";
import { createInProcessEventBus } from "@minbil/api/events/event-bus";
import { createWorkshopFixture } from "@minbil/api/testing/fixtures";
import { PDF_BYTES, PNG_BYTES, file } from "@minbil/api/testing/sample-files";
import { startTestS3Server, type TestS3Server } from "@minbil/api/testing/s3-server";

// `pnpm run storage copy --to s3` as an operator runs it: on the database and data folder of the app
// (the embedded one, or TEST_DATABASE_URL's server), to the bucket of S3_BUCKET; a second run copies nothing.

const run = promisify(execFile);
const CLI_DIR = path.resolve(import.meta.dirname, "../..");

let dataDir: string;
let s3: TestS3Server;
let serverDatabase: Database | null = null;
let keys: string[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "minbil-storage-cli-"));
  s3 = await startTestS3Server();
  serverDatabase = process.env.TEST_DATABASE_URL ? await createTestDatabase() : null;
  // The embedded database is one process's at a time: fill it, close it, then run the command.
  const database =
    serverDatabase ?? (await openDatabase({ role: "server", config: resolveDatabaseConfig(dbEnv({ MINBIL_DATA_DIR: dataDir })) }));
  if (!serverDatabase) await applyMigrations(database.adapterFactory);
  const workshop = await createWorkshopFixture(database.prisma, "Kopi Bil");
  const sent = await sendMessage(
    {
      db: database.prisma,
      storage: new LocalDiskStorage(path.join(dataDir, "attachments")),
      events: createInProcessEventBus(),
      workshopId: workshop.workshop.id,
      actor: workshop.auth.actor,
    },
    {
      booking_id: workshop.booking.id,
      body: "Filer",
      sender_type: "workshop",
      attachments: [file(PNG_BYTES, "a.png", "image/png"), file(PDF_BYTES, "b.pdf", "application/pdf")],
    },
  );
  keys = sent.message.attachments.map((attachment) => `${workshop.workshop.id}/${attachment.id}`).sort();
  if (!serverDatabase) await database.close();
});
afterAll(async () => {
  await serverDatabase?.close();
  await s3?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function storageCli(...args: string[]) {
  return run(path.join(CLI_DIR, "node_modules/.bin/tsx"), ["src/commands/storage.ts", ...args], {
    cwd: CLI_DIR,
    env: {
      ...process.env,
      ...s3.env,
      MINBIL_DATA_DIR: dataDir,
      DATABASE_URL: serverDatabase?.connectionString ?? "",
      LOG_LEVEL: "silent",
    },
  });
}

describe("pnpm run storage copy --to s3", () => {
  it("copies the data folder's attachments to the bucket, and a second run copies nothing", async () => {
    const first = await storageCli("copy", "--to", "s3");
    expect(first.stdout).toContain("Done: 2 copied");
    const bucket = S3Storage.fromSettings(s3.settings);
    const found: string[] = [];
    for await (const object of bucket.list()) found.push(object.key);
    bucket.close();
    expect(found.sort()).toEqual(keys);

    const second = await storageCli("copy", "--to", "s3");
    expect(second.stdout).toContain("Done: 0 copied (0.0 MB), 2 already in the bucket, of 2 attachments.");
  });

  it("explains what it needs instead of copying anywhere else", async () => {
    await expect(storageCli("copy")).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining("pnpm run storage copy --to s3") });
    const withoutBucket = run(path.join(CLI_DIR, "node_modules/.bin/tsx"), ["src/commands/storage.ts", "copy", "--to", "s3"], {
      cwd: CLI_DIR,
      env: { ...process.env, MINBIL_DATA_DIR: dataDir, DATABASE_URL: serverDatabase?.connectionString ?? "", S3_BUCKET: "" },
    });
    await expect(withoutBucket).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining("Set S3_BUCKET") });
  });
});
