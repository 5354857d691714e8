import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "@minbil/api/testing/free-port";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

const WEB_DIR = path.resolve(import.meta.dirname, "../..");
export const E2E_TOKEN = "e2e-nordlys-token-0123456789";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    token: string;
    dataDir: string;
  }
}

let server: ChildProcess | undefined;
let dataDir: string | undefined;

/** Starts the built app on a free port over a fresh demo data folder (as `pnpm demo` does); tears both down afterwards. */
export default async function setup(project: TestProject) {
  dataDir = await mkdtemp(path.join(tmpdir(), "minbil-e2e-"));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    MINBIL_DATA_DIR: dataDir,
    MINBIL_WS_ACCESS_TOKEN: E2E_TOKEN,
    MINBIL_DEMO: "true",
    // Webhook retries within seconds, so tests can watch a receiver come back.
    WEBHOOK_RETRY_SCHEDULE: "0,1s,2s,3s,4s,5s",
    PORT: String(port),
    NEXTAUTH_URL: baseUrl,
    NEXTAUTH_SECRET: "e2e-secret-not-for-production-0123456789",
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: "warn",
  };
  delete (env as Record<string, string | undefined>).DATABASE_URL;
  server = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    cwd: WEB_DIR,
    env: { ...env, NODE_ENV: "production", HOST: "127.0.0.1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`${baseUrl}/api/ws/messages`, { headers: { Authorization: `Bearer ${E2E_TOKEN}` } });
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || server.exitCode !== null) throw new Error("The app did not start (did you run `pnpm build`?)");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  project.provide("baseUrl", baseUrl);
  project.provide("token", E2E_TOKEN);
  project.provide("dataDir", dataDir);

  return async () => {
    server?.kill("SIGTERM");
    await new Promise((resolve) => server?.once("exit", resolve));
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}
