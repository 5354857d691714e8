import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { openDatabase, type Database } from "@minbil/db/open-database";
import { ApiErrorCause } from "@minbil/api/errors";

/**
 * Runs a command against the configured database (DATABASE_URL, or the embedded one, through the
 * running app's socket when the app is up) and exits: non-zero with a one-line message on failure.
 */
export async function runCommand(main: (db: Database) => Promise<void>): Promise<never> {
  let db: Database | undefined;
  let code = 0;
  try {
    db = await openDatabase({ role: "tool" });
    await main(db);
  } catch (error) {
    const mistake = describeMistake(error);
    console.error(mistake ?? error);
    code = mistake ? 2 : 1;
  } finally {
    await db?.close().catch(() => {});
  }
  // The wasm schema engine (migrations) leaves a timer behind; a command-line tool is done here.
  process.exit(code);
}

/** A mistake of the person running the command: printed as is, without a stack trace. */
export class CommandError extends Error {}

/** The one-line message for a mistake (bad arguments, invalid input, a refused operation), or null for a fault. */
function describeMistake(error: unknown): string | null {
  if (error instanceof CommandError) return error.message;
  if (error instanceof ZodError) return error.issues.map((issue) => issue.message).join("\n");
  if (error instanceof TRPCError && error.cause instanceof ApiErrorCause) return error.message;
  return null;
}
