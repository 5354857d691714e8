import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import twilio from "twilio";

export interface TwilioSentMessage {
  sid: string;
  to: string;
  from: string;
  body: string;
  statusCallback: string | undefined;
}

/**
 * A fake of Twilio's Messages API (POST /2010-04-01/Accounts/{AccountSid}/Messages.json, Basic auth with
 * the account SID and auth token, form-encoded To/From/Body/StatusCallback; 201 with the message's `sid`,
 * or an error body `{code, message, status}`), for tests only. `fail(n, …)` makes the next n sends fail.
 */
export class FakeTwilio {
  readonly accountSid = `AC${randomBytes(16).toString("hex")}`;
  readonly authToken = randomBytes(16).toString("hex");
  readonly from = "+4759440000";
  readonly sent: TwilioSentMessage[] = [];
  private failures: { status: number; code: number; message: string }[] = [];
  private server: Server | null = null;
  port = 0;

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  fail(times: number, answer = { status: 500, code: 20500, message: "Internal Server Error" }): void {
    for (let i = 0; i < times; i += 1) this.failures.push(answer);
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const json = (status: number, body: unknown) =>
          response.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
        const expectedAuth = `Basic ${Buffer.from(`${this.accountSid}:${this.authToken}`).toString("base64")}`;
        if (request.headers.authorization !== expectedAuth) return json(401, { code: 20003, message: "Authenticate", status: 401 });
        if (request.method !== "POST" || request.url !== `/2010-04-01/Accounts/${this.accountSid}/Messages.json`) {
          return json(404, { code: 20404, message: "The requested resource was not found", status: 404 });
        }
        const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
        const to = form.get("To");
        const body = form.get("Body");
        const from = form.get("From") ?? form.get("MessagingServiceSid");
        if (!to || !body || !from) return json(400, { code: 21604, message: "A 'To' phone number is required.", status: 400 });
        const failure = this.failures.shift();
        if (failure) return json(failure.status, { code: failure.code, message: failure.message, status: failure.status });
        const sid = `SM${randomBytes(16).toString("hex")}`;
        this.sent.push({ sid, to, from, body, statusCallback: form.get("StatusCallback") ?? undefined });
        return json(201, { sid, status: "queued", to, from, body, account_sid: this.accountSid });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /**
   * A webhook request as Twilio makes it: form fields, signed with the auth token over the URL it calls
   * (by Twilio's own library, so the app's check is held to Twilio's algorithm, not to a copy of it).
   */
  signedRequest(url: string, fields: Record<string, string>, authToken = this.authToken): RequestInit {
    return {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Twilio-Signature": twilio.getExpectedTwilioSignature(authToken, url, fields),
      },
      body: new URLSearchParams(fields).toString(),
    };
  }
}
