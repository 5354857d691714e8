import { apiError } from "@minbil/api/errors";
import type { AppServices, Runtime } from "./runtime";

// One runtime per server process, created by the server's entry (main.ts) and shared through globalThis:
// the pages and server actions are a separately compiled copy of this module, and must reach the same
// open database (a second PGlite on the same folder would corrupt it).
const globalForRuntime = globalThis as unknown as { minbilRuntime?: Runtime };

export function setRuntime(runtime: Runtime): void {
  globalForRuntime.minbilRuntime = runtime;
}

export function getRuntime(): Runtime {
  const runtime = globalForRuntime.minbilRuntime;
  if (!runtime) throw new Error("The MinBil runtime is not started: run the app through its server (pnpm dev / pnpm start).");
  return runtime;
}

/** The services; answers 503 SERVICE_UNAVAILABLE (never hangs) while the database is not ready. */
export async function getServices(): Promise<AppServices> {
  try {
    return await getRuntime().services();
  } catch (error) {
    throw apiError("SERVICE_UNAVAILABLE", (error as Error).message, undefined, 5);
  }
}
