import { createServer, type IncomingHttpHeaders, type Server } from "node:http";

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/**
 * A partner's webhook receiver on 127.0.0.1, for tests: it records every request and answers with the
 * next planned response (default 204). `stop()`/`start()` take it off the network and back on.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private plan: { status: number; headers?: Record<string, string>; body?: string }[] = [];
  private server: Server | null = null;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  /** The next requests get these answers, in order; after that 204. */
  answer(...responses: { status: number; headers?: Record<string, string>; body?: string }[]): void {
    this.plan.push(...responses);
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        this.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
        const next = this.plan.shift() ?? { status: 204 };
        response.writeHead(next.status, next.headers).end(next.body);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, "127.0.0.1", resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  byId(id: string): ReceivedWebhook[] {
    return this.received.filter((request) => request.headers["webhook-id"] === id);
  }
}
