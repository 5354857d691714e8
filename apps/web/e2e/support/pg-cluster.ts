import { execFile } from "node:child_process";
import { freePort } from "@minbil/api/testing/free-port";
import { chown, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const PG_BIN = "/usr/lib/postgresql/15/bin";
/** The system `postgres` user: PostgreSQL refuses to run as root. */
const PG_USER = "postgres";

/** Runs a command as the postgres user (we run as root). */
async function asPostgres(command: string, args: string[], timeoutMs = 30_000) {
  return run("runuser", ["-u", PG_USER, "--", command, ...args], { timeout: timeoutMs });
}

/**
 * A throwaway PostgreSQL 15 cluster of our own: initdb in a temporary folder owned by postgres, trust
 * authentication, listening on 127.0.0.1 at a free port (and a Unix socket in its own folder), so a test
 * can stop, start, freeze and thaw it without touching any other PostgreSQL on the machine.
 * Every pg_ctl call names this cluster's data folder; nothing here signals processes by name or user.
 */
export class PgCluster {
  private constructor(
    /** The temporary folder: data/, the socket and the server log. */
    readonly root: string,
    readonly port: number,
  ) {}

  get dataDir(): string {
    return path.join(this.root, "data");
  }

  get logFile(): string {
    return path.join(this.root, "postgres.log");
  }

  /** The connection string of the cluster's `postgres` database, over TCP on 127.0.0.1. */
  get url(): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** Creates (initdb) a stopped cluster on a free port. */
  static async create(): Promise<PgCluster> {
    const root = await mkdtemp(path.join(tmpdir(), "minbil-pg-"));
    const { uid, gid } = await userIds(PG_USER);
    await chown(root, uid, gid);
    const cluster = new PgCluster(root, await freePort());
    await asPostgres(`${PG_BIN}/initdb`, ["-D", cluster.dataDir, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"], 60_000);
    return cluster;
  }

  /** Starts the server and waits until it accepts connections. */
  async start(): Promise<void> {
    const options = `-p ${this.port} -k ${this.root} -c listen_addresses=127.0.0.1`;
    await asPostgres(`${PG_BIN}/pg_ctl`, ["-D", this.dataDir, "-o", options, "-l", this.logFile, "-w", "-t", "30", "start"]);
  }

  /** Stops the server ("fast": ends every session at once, as a crash of the connections would look to clients). */
  async stop(mode: "smart" | "fast" | "immediate" = "fast"): Promise<void> {
    await asPostgres(`${PG_BIN}/pg_ctl`, ["-D", this.dataDir, "-m", mode, "-w", "-t", "30", "stop"]);
  }

  async isRunning(): Promise<boolean> {
    try {
      await asPostgres(`${PG_BIN}/pg_ctl`, ["-D", this.dataDir, "status"]);
      return true;
    } catch {
      return false;
    }
  }

  /** The postmaster (from this cluster's postmaster.pid) and its children. */
  async pids(): Promise<number[]> {
    const postmaster = Number((await readFile(path.join(this.dataDir, "postmaster.pid"), "utf8")).split("\n")[0]);
    if (!Number.isInteger(postmaster) || postmaster <= 0) throw new Error("postmaster.pid holds no process id");
    let children: number[] = [];
    try {
      const { stdout } = await run("pgrep", ["-P", String(postmaster)]);
      children = stdout
        .split("\n")
        .filter(Boolean)
        .map(Number)
        .filter((pid) => Number.isInteger(pid) && pid > 0);
    } catch {
      // pgrep exits 1 when there are none
    }
    return [postmaster, ...children];
  }

  /** Freezes the server (SIGSTOP to the postmaster and its children): connections stay open, nothing answers. */
  async freeze(): Promise<number[]> {
    const pids = await this.pids();
    for (const pid of pids) process.kill(pid, "SIGSTOP");
    return pids;
  }

  /** Thaws what freeze() stopped. */
  thaw(pids: number[]): void {
    for (const pid of pids) {
      try {
        process.kill(pid, "SIGCONT");
      } catch {
        // gone
      }
    }
  }

  /** Runs one SQL statement through the cluster's socket and returns its rows, tab-separated. */
  async query(sql: string): Promise<string[][]> {
    const { stdout } = await asPostgres(`${PG_BIN}/psql`, [
      "-h",
      this.root,
      "-p",
      String(this.port),
      "-U",
      "postgres",
      "-d",
      "postgres",
      "-XAtF",
      "\t",
      "-c",
      sql,
    ]);
    return stdout
      .split("\n")
      .filter(Boolean)
      .map((line) => line.split("\t"));
  }

  /** The server's log (for failure reports). */
  async log(): Promise<string> {
    return readFile(this.logFile, "utf8").catch(() => "");
  }

  /** Stops the server if it runs (thawing it first, in case a test froze it) and deletes the folder. */
  async remove(frozen: number[] = []): Promise<void> {
    this.thaw(frozen);
    if (await this.isRunning()) await this.stop("immediate").catch(() => {});
    await rm(this.root, { recursive: true, force: true });
  }
}

async function userIds(user: string): Promise<{ uid: number; gid: number }> {
  const { stdout: uid } = await run("id", ["-u", user]);
  const { stdout: gid } = await run("id", ["-g", user]);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}
