import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase } from "@minbil/db/testing";
import type { Database } from "@minbil/db/open-database";
import { LocalDiskStorage } from "../attachments/local-disk-storage";
import { createInProcessEventBus } from "../events/event-bus";
import { createSecretBox } from "../crypto/secret-box";
import type { Services } from "../context";
import { createCustomerPageLimits } from "../rate-limits/customer-page-limits";

export interface TestServices extends Services {
  database: Database;
  storageDir: string;
  close(): Promise<void>;
}

/** Real services for one test file: a fresh migrated database (PGlite, or TEST_DATABASE_URL) and a temp storage folder. */
export async function createTestServices(): Promise<TestServices> {
  const database = await createTestDatabase();
  const storageDir = await mkdtemp(path.join(tmpdir(), "minbil-test-storage-"));
  return {
    database,
    db: database.prisma,
    storage: new LocalDiskStorage(storageDir),
    events: createInProcessEventBus(),
    secrets: createSecretBox(randomBytes(32).toString("base64")),
    // Receivers in tests listen on 127.0.0.1; retries come fast.
    webhooks: { allowPrivateTargets: true, retrySchedule: [0, 100, 200, 300] },
    publicBaseUrl: "http://localhost:5000",
    customerPageLimits: createCustomerPageLimits({ kind: "memory" }),
    // No channel configured: tests of the channels put their adapters in (channels/testing).
    channels: { sms: null, email: null, retrySchedule: [0, 100, 200], key: randomBytes(32), inboundEmailDomain: null },
    storageDir,
    async close() {
      await database.close();
      await rm(storageDir, { recursive: true, force: true });
    },
  };
}
