import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startTestS3Server, type TestS3Server } from "@minbil/api/testing/s3-server";
import { AppInstance } from "./app-instance";
import { freePort } from "@minbil/api/testing/free-port";
import { PgCluster } from "./pg-cluster";

export interface TwoInstances {
  cluster: PgCluster;
  s3: TestS3Server;
  a: AppInstance;
  b: AppInstance;
  /** The nordlys-bil workshop's API token (MINBIL_WS_ACCESS_TOKEN of the first instance's demo seed). */
  token: string;
  /** Each instance's data folder: nothing of the attachments may land there with S3 storage. */
  dataDirs: [string, string];
  close(): Promise<void>;
}

/**
 * Two production app processes as a load balancer would have them: one PostgreSQL cluster of the
 * test's own, attachments in an S3-compatible bucket (s3rver in the test process), the same secrets,
 * and a data folder each (another machine's disk). A seeds the demo data; B starts once A is ready
 * (both migrating an empty database at once is not what a rolling deploy does).
 */
export async function startTwoInstances(settings: Record<string, string> = {}): Promise<TwoInstances> {
  const cluster = await PgCluster.create();
  await cluster.start();
  const s3 = await startTestS3Server("minbil-e2e");
  const token = `two-nordlys-${randomBytes(8).toString("hex")}`;
  const dataDirs: [string, string] = [
    await mkdtemp(path.join(tmpdir(), "minbil-instance-a-")),
    await mkdtemp(path.join(tmpdir(), "minbil-instance-b-")),
  ];
  const shared = {
    ...s3.env,
    DATABASE_URL: cluster.url,
    NEXTAUTH_SECRET: "two-instances-secret-not-for-production-0123",
    MINBIL_ENCRYPTION_KEY: "two-instances-encryption-key-not-for-production",
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: "warn",
    // The test's webhook receiver listens on 127.0.0.1; a failed attempt is retried within a second.
    WEBHOOK_ALLOW_PRIVATE_TARGETS: "true",
    WEBHOOK_RETRY_SCHEDULE: "0,1s,2s,3s",
    ...settings,
  };
  const a = new AppInstance("A", await freePort(), {
    ...shared,
    MINBIL_DATA_DIR: dataDirs[0],
    MINBIL_DEMO: "true",
    MINBIL_WS_ACCESS_TOKEN: token,
  });
  const b = new AppInstance("B", await freePort(), { ...shared, MINBIL_DATA_DIR: dataDirs[1], MINBIL_DEMO: "false" });
  const close = async () => {
    await Promise.all([a.stop(), b.stop()]);
    await s3.close();
    await cluster.remove();
    for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
  };
  try {
    await a.start();
    await b.start();
  } catch (error) {
    await close();
    throw error;
  }
  return { cluster, s3, a, b, token, dataDirs, close };
}
