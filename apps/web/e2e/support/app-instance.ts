import { spawn, type ChildProcess } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import path from "node:path";

const WEB_DIR = path.resolve(import.meta.dirname, "../..");

/**
 * One production app process of several (`node --import tsx src/server/main.ts` of the built app, as
 * `pnpm start` runs it) on a port of its own, with its output kept for failure reports. Tests that need
 * several instances on one database start them here; the global setup's demo app is separate.
 */
export class AppInstance {
  private child: ChildProcess | null = null;
  private exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  /** stdout and stderr lines, newest last. */
  readonly output: string[] = [];

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string | undefined>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== null && this.exit === null;
  }

  /** Starts the process and waits until /api/readyz answers 200 (migrated, seeded, storage reachable). */
  async start(timeoutMs = 60_000): Promise<void> {
    const env: NodeJS.ProcessEnv = { ...process.env, ...this.env, NODE_ENV: "production", HOST: "127.0.0.1", PORT: String(this.port) };
    delete env.MINBIL_API_BASE_URL;
    delete env.TRUST_PROXY;
    for (const [name, value] of Object.entries(this.env)) if (value === undefined) delete env[name];
    this.exit = null;
    const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
      cwd: WEB_DIR,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    for (const source of [child.stdout, child.stderr]) {
      let rest = "";
      source.setEncoding("utf8");
      source.on("data", (chunk: string) => {
        const lines = (rest + chunk).split("\n");
        rest = lines.pop() ?? "";
        this.output.push(...lines.map((line) => `[${this.name}] ${line.slice(0, 400)}`));
      });
    }
    child.once("exit", (code, signal) => (this.exit = { code, signal }));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.exit) throw new Error(`${this.name} exited while starting (${JSON.stringify(this.exit)}):\n${this.tail()}`);
      try {
        if ((await fetch(`${this.url}/api/readyz`, { signal: AbortSignal.timeout(5_000) })).status === 200) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline)
        throw new Error(`${this.name} was not ready within ${timeoutMs} ms (did you run \`pnpm build\`?):\n${this.tail()}`);
      await sleep(200);
    }
  }

  /** Sends `signal` and waits for the process to end (SIGKILL after `timeoutMs`); resolves with how it ended. */
  async stop(signal: NodeJS.Signals = "SIGTERM", timeoutMs = 30_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const child = this.child;
    if (!child) return { code: null, signal: null };
    if (!this.exit) {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill(signal);
      const done = await Promise.race([exited.then(() => true), sleep(timeoutMs).then(() => false)]);
      if (!done) {
        child.kill("SIGKILL");
        await exited;
      }
    }
    this.child = null;
    return this.exit ?? { code: null, signal: null };
  }

  /** The last lines of output, for a failure message. */
  tail(lines = 20): string {
    return this.output.slice(-lines).join("\n");
  }
}
