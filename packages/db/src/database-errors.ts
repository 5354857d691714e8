// What a database error means for the caller. Prisma wraps driver errors in several ways (a known
// request error with a driver adapter error as meta, a raw query error, or the pg driver's own Error
// for client-side timeouts), so the checks look at every layer. Duck-typed, not `instanceof`: the web
// app's server components run a second copy of the Prisma client module that shares this one's client.

/** Prisma error codes that mean the server is out of reach or too slow, not that the query is wrong. */
const UNAVAILABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1011", "P1017", "P2024", "P2028"]);
/** Driver adapter error kinds of the same meaning. */
const UNAVAILABLE_ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "TlsConnectionError",
]);
/** PostgreSQL SQLSTATEs: connection exceptions (08…), shutdown (57P0…), too many connections, cannot connect now. */
const UNAVAILABLE_SQLSTATE = /^(08\d{3}|57P0[1-4]|53300|53400)$/;
const UNAVAILABLE_NODE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EPIPE",
  "EAI_AGAIN",
]);
const UNAVAILABLE_MESSAGE =
  /Can't reach database server|Connection terminated|Query read timeout|timeout exceeded when trying to connect|Connection ended unexpectedly|Client has encountered a connection error|the database system is (starting up|shutting down)|Transaction API error: Transaction already closed|Unable to start a transaction in the given time/i;

function* layers(error: unknown): Generator<Record<string, unknown>> {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const layer = current as Record<string, unknown>;
    yield layer;
    const meta = layer.meta as Record<string, unknown> | undefined;
    const adapterError = meta?.driverAdapterError as Record<string, unknown> | undefined;
    if (adapterError) yield* layers(adapterError);
    current = layer.cause;
  }
}

/** True when the error says the database cannot be reached (down, frozen, restarting, out of connections). */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const layer of layers(error)) {
    const code = typeof layer.code === "string" ? layer.code : undefined;
    const kind = typeof layer.kind === "string" ? layer.kind : undefined;
    const originalCode = typeof layer.originalCode === "string" ? layer.originalCode : undefined;
    if (code && (UNAVAILABLE_PRISMA_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_NODE_CODES.has(code))) return true;
    if (originalCode && UNAVAILABLE_SQLSTATE.test(originalCode)) return true;
    if (kind && UNAVAILABLE_ADAPTER_KINDS.has(kind)) return true;
    if (typeof layer.message === "string" && UNAVAILABLE_MESSAGE.test(layer.message)) return true;
  }
  return false;
}

/** The Prisma error code (P2002 unique violation, P2025 record not found, …) of an error, if it has one. */
export function prismaErrorCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  const name = (error as { name?: unknown } | null)?.name;
  return name === "PrismaClientKnownRequestError" && typeof code === "string" ? code : null;
}

/**
 * True when a unique constraint refused the write, however it was run: a Prisma model query (P2002),
 * $queryRaw through a driver adapter (its error kind, or SQLSTATE 23505 as originalCode), or a
 * statement on a pg connection (sql-transaction.ts: SQLSTATE 23505 as code).
 */
export function isUniqueViolation(error: unknown): boolean {
  for (const layer of layers(error)) {
    if (layer.name === "PrismaClientKnownRequestError" && layer.code === "P2002") return true;
    if (layer.kind === "UniqueConstraintViolation" || layer.code === "23505" || layer.originalCode === "23505") return true;
  }
  return false;
}

/**
 * PostgreSQL's data exceptions that only a value from the request can cause here: text with a NUL byte
 * or a character that cannot be stored, a date outside PostgreSQL's range. Validation catches what it
 * knows of; this is the net beneath it, so such a request is the client's 422, never our 500. Other
 * data exceptions (a number out of range, division by zero, a bad cast) would be faults in our SQL and
 * stay 500. Returns what is wrong, in words for the client (never the value or the SQL), and the
 * SQLSTATE, or null.
 */
export function invalidValueProblem(error: unknown): { problem: string; sqlState: string } | null {
  for (const layer of layers(error)) {
    for (const code of [layer.code, layer.originalCode]) {
      const problem = typeof code === "string" ? INVALID_VALUE_PROBLEMS[code] : undefined;
      if (problem) return { problem, sqlState: code as string };
    }
  }
  return null;
}

const INVALID_VALUE_PROBLEMS: Record<string, string> = {
  "22021": "a text value contains a NUL character or a byte that is not UTF-8",
  "22P05": "a text value contains a character that cannot be stored",
  "22008": "a date or time is outside the range that can be stored (years 1 to 9999)",
  "22007": "a date or time is not valid",
};
