import pg from "pg";
import type { Prisma, PrismaClient } from "./generated/prisma/client";
import { directPool, queryOnPg } from "./read-rows";

// The write-side twin of read-rows.ts. A send is the most frequent write (a partner's integration sends
// from many connections at once), and through a Prisma interactive transaction its few statements cost
// about 1.4 ms of CPU against 0.2 ms for the same statements on a pg connection (measured on this
// machine: the transaction manager, the per-query plan and interpretation, the result mapping). So the
// message path (writeMessage and what it calls) is written as SQL against this small interface, and
// runs on a pg connection of the pool beneath Prisma when there is one. Elsewhere (the embedded
// database) and inside an existing Prisma transaction, the same statements go through $queryRaw, so
// there is one implementation of every write, whatever runs it.

/** Statements inside one transaction. */
export interface Sql {
  /** The rows of a statement (a SELECT, or an INSERT/UPDATE … RETURNING). */
  rows<T>(query: Prisma.Sql): Promise<T[]>;
  /** Runs a statement; the number of rows it changed. */
  execute(query: Prisma.Sql): Promise<number>;
}

/** The statements of a Prisma interactive transaction, for code that mixes them with Prisma's own queries. */
export function sqlIn(tx: Prisma.TransactionClient): Sql {
  return {
    rows: <T>(query: Prisma.Sql) => tx.$queryRaw<T[]>(query),
    execute: (query: Prisma.Sql) => tx.$executeRaw(query),
  };
}

const ROLLED_BACK = "The transaction was rolled back: a statement in it had failed";

/** How long a transaction through Prisma may wait for a connection, and run (the embedded database). */
const PRISMA_TRANSACTION_MS = 20_000;

/**
 * Runs `work` in one transaction: committed when it returns, rolled back when it throws. When `db`
 * stands on a pg pool (a PostgreSQL server, or a tool reaching the embedded database through its socket)
 * the statements run on one connection of it (each bounded by the pool's query timeout); otherwise in a
 * Prisma interactive transaction.
 */
export async function sqlTransaction<T>(db: PrismaClient, work: (sql: Sql) => Promise<T>): Promise<T> {
  const pool = directPool(db);
  if (!pool) {
    return db.$transaction(
      async (tx) => {
        // Prisma commits what it is given back; a statement that failed has already doomed the
        // transaction, so returning after catching its error must not look like a commit (as below).
        let failed = false;
        const inner = sqlIn(tx);
        const noteFailure = (error: unknown): never => {
          failed = true;
          throw error;
        };
        const result = await work({
          rows: <T>(query: Prisma.Sql) => inner.rows<T>(query).catch(noteFailure),
          execute: (query: Prisma.Sql) => inner.execute(query).catch(noteFailure),
        });
        if (failed) throw new Error(ROLLED_BACK);
        return result;
      },
      { maxWait: PRISMA_TRANSACTION_MS, timeout: PRISMA_TRANSACTION_MS },
    );
  }
  const client = await pool.connect();
  let unusable: Error | undefined;
  try {
    await client.query("BEGIN");
    const result = await work(onConnection(client));
    // A transaction in which a statement failed answers COMMIT with ROLLBACK, not an error: should the
    // work ever catch a statement's error and return, the caller must still not be told it was stored.
    const commit = await client.query("COMMIT");
    if (commit.command !== "COMMIT") throw new Error(ROLLED_BACK);
    return result;
  } catch (error) {
    if (leavesConnectionUsable(error)) {
      await client.query("ROLLBACK").catch((rollbackError: unknown) => {
        unusable = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
    } else {
      unusable = error instanceof Error ? error : new Error(String(error));
    }
    throw error;
  } finally {
    client.release(unusable);
  }
}

function onConnection(client: pg.PoolClient): Sql {
  return {
    rows: async <T>(query: Prisma.Sql) => (await queryOnPg<T>(client, query)).rows,
    execute: async (query: Prisma.Sql) => (await queryOnPg(client, query)).rowCount,
  };
}

/**
 * After a statement the server refused, or an error of our own code thrown between statements (a 404,
 * a field error), the connection is idle in the transaction and a rollback makes it clean again. After
 * a failure of the driver or the socket (a query timeout, a dropped connection) a statement may still
 * be running on it: it is closed, not reused.
 */
function leavesConnectionUsable(error: unknown): boolean {
  if (error instanceof pg.DatabaseError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return !(error instanceof Error && /timeout|terminated|ended|closed|ECONN|EPIPE/i.test(`${error.message} ${String(code ?? "")}`));
}
